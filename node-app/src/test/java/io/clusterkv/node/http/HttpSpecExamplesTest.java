package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every example of the KV specification, over HTTP against a real node, with the documented result asserted: the
 * basic operations, store information, TTL, bulk and atomic operations, dump, stats and the three error examples.
 */
@ExtendWith(SharedHttpNode.class)
class HttpSpecExamplesTest {
    private static HttpTestClient http;

    @BeforeAll
    static void connect(InProcessNode node) {
        http = new HttpTestClient(node.httpPort(), SharedHttpNode.TOKEN);
    }

    @BeforeEach
    void clear() {
        http.delete("/kv").expect(200);
    }

    // ---------------------------------------------------------------- basic operations

    @Test
    void set_examples_answerSetTrueAndStore() {
        assertThat(http.put("/kv/user:123", "{\"name\": \"John\", \"age\": 30}").expect(200).json())
            .isEqualTo(Map.of("set", true));
        assertThat(http.put("/kv/session:456", "\"active\"").expect(200).json()).isEqualTo(Map.of("set", true));
        assertThat(http.put("/kv/counter", "42").expect(200).json()).isEqualTo(Map.of("set", true));

        assertThat(http.get("/kv/session:456").expect(200).json())
            .isEqualTo(Map.of("key", "session:456", "value", "active"));
        assertThat(http.get("/kv/counter").expect(200).json()).isEqualTo(Map.of("key", "counter", "value", 42));
    }

    @Test
    void get_storedUserAndMissingKey_answerUserAnd404() {
        http.put("/kv/user:123", "{\"name\": \"John\", \"age\": 30}").expect(200);

        assertThat(http.get("/kv/user:123").expect(200).json())
            .isEqualTo(Map.of("key", "user:123", "value", Map.of("name", "John", "age", 30)));
        assertThat(http.get("/kv/nonexistent").expect(404).error()).isEqualTo("key not found: nonexistent");
    }

    @Test
    void delete_existingKey_answersDeletedTrueThenFalse() {
        http.put("/kv/session:456", "\"active\"").expect(200);

        assertThat(http.delete("/kv/session:456").expect(200).json()).isEqualTo(Map.of("deleted", true));
        assertThat(http.get("/kv/session:456/exists").expect(200).json()).isEqualTo(Map.of("exists", false));
        assertThat(http.delete("/kv/session:456").expect(200).json()).isEqualTo(Map.of("deleted", false));
    }

    @Test
    void exists_storedAndMissingUser_answersTrueAndFalse() {
        http.put("/kv/user:123", "{\"name\": \"John\", \"age\": 30}").expect(200);

        assertThat(http.get("/kv/user:123/exists").expect(200).json()).isEqualTo(Map.of("exists", true));
        assertThat(http.get("/kv/user:999/exists").expect(200).json()).isEqualTo(Map.of("exists", false));
    }

    @Test
    void clear_filledStore_answersClearedAndEmptiesIt() {
        http.put("/kv/a", "1").expect(200);
        http.put("/kv/b?ttl=60", "2").expect(200);

        assertThat(http.delete("/kv").expect(200).json()).isEqualTo(Map.of("cleared", true));
        assertThat(http.get("/empty").expect(200).json()).isEqualTo(Map.of("empty", true));
        assertThat(http.get("/size").expect(200).json()).isEqualTo(Map.of("size", 0));
    }

    // ---------------------------------------------------------------- store information

    @Test
    void keysValuesSize_twoKeys_answerBothInKeyOrder() {
        http.put("/kv/key2", "\"value2\"").expect(200);
        http.put("/kv/key1", "\"value1\"").expect(200);

        assertThat(http.get("/keys").expect(200).json()).isEqualTo(List.of("key1", "key2"));
        assertThat(http.get("/values").expect(200).json()).isEqualTo(List.of("value1", "value2"));
        assertThat(http.get("/size").expect(200).json()).isEqualTo(Map.of("size", 2));
    }

    @Test
    void isEmpty_emptyThenFilledStore_answersTrueThenFalse() {
        assertThat(http.get("/empty").expect(200).json()).isEqualTo(Map.of("empty", true));

        http.put("/kv/key1", "\"value1\"").expect(200);

        assertThat(http.get("/empty").expect(200).json()).isEqualTo(Map.of("empty", false));
    }

    // ---------------------------------------------------------------- TTL

    @Test
    void setTTL_sessionAndCacheEntry_storeWithTheirTtl() {
        assertThat(http.put("/kv/session:temp?ttl=300", "\"temporary_data\"").expect(200).json())
            .isEqualTo(Map.of("set", true));
        assertThat(http.put("/kv/cache:user:123?ttl=3600", "{\"name\": \"John\"}").expect(200).json())
            .isEqualTo(Map.of("set", true));

        assertThat(http.get("/kv/session:temp").expect(200).json())
            .isEqualTo(Map.of("key", "session:temp", "value", "temporary_data"));
        assertThat(http.get("/kv/session:temp/ttl").expect(200).json()).isEqualTo(Map.of("ttl", 300));
        assertThat(http.get("/kv/cache:user:123/ttl").expect(200).json()).isEqualTo(Map.of("ttl", 3600));
    }

    @Test
    void getTTL_keyWithoutTtlAndMissingKey_answerMinusOneAnd404() {
        http.put("/kv/plain", "\"v\"").expect(200);

        assertThat(http.get("/kv/plain/ttl").expect(200).json()).isEqualTo(Map.of("ttl", -1));
        assertThat(http.get("/kv/missing/ttl").expect(404).error()).isEqualTo("key not found: missing");
    }

    @Test
    void expire_existingAndMissingKey_setsTtlOrAnswersFalse() {
        http.put("/kv/temp:data", "\"some data\"").expect(200);

        assertThat(http.post("/kv/temp:data/expire?ttl=60").expect(200).json()).isEqualTo(Map.of("expired", true));
        assertThat(http.get("/kv/temp:data/ttl").expect(200).json()).isEqualTo(Map.of("ttl", 60));
        assertThat(http.post("/kv/missing/expire?ttl=60").expect(200).json()).isEqualTo(Map.of("expired", false));
    }

    // ---------------------------------------------------------------- bulk

    @Test
    void mget_twoOfThreeUsersStored_answersValuesWithNull() {
        http.put("/kv/user:1", "\"Alice\"").expect(200);
        http.put("/kv/user:2", "\"Bob\"").expect(200);

        assertThat(http.post("/kv/_mget", "[\"user:1\", \"user:2\", \"user:3\"]").expect(200).json())
            .isEqualTo(Arrays.asList("Alice", "Bob", null));
    }

    @Test
    void mset_bulkData_storesEveryPair() {
        String bulkData = "{\"config:theme\": \"dark\", \"config:language\": \"en\", \"config:notifications\": true}";

        assertThat(http.post("/kv/_mset", bulkData).expect(200).json()).isEqualTo(Map.of("set", true));
        assertThat(http.get("/kv").expect(200).json()).isEqualTo(Map.of("config:theme", "dark",
            "config:language", "en", "config:notifications", true));
    }

    // ---------------------------------------------------------------- atomic operations

    @Test
    void increment_examples_answerNewValues() {
        assertThat(http.post("/kv/page:views/increment").expect(200).json()).isEqualTo(Map.of("value", 1));
        assertThat(http.post("/kv/user:score/increment?delta=10").expect(200).json()).isEqualTo(Map.of("value", 10));
        http.put("/kv/counter", "5").expect(200);
        assertThat(http.post("/kv/counter/increment?delta=3").expect(200).json()).isEqualTo(Map.of("value", 8));
    }

    @Test
    void decrement_examples_answerNewValues() {
        assertThat(http.post("/kv/lives/decrement").expect(200).json()).isEqualTo(Map.of("value", -1));
        http.put("/kv/inventory", "100").expect(200);
        assertThat(http.post("/kv/inventory/decrement?delta=15").expect(200).json())
            .isEqualTo(Map.of("value", 85));
    }

    // ---------------------------------------------------------------- utility functions

    @Test
    void dump_twoKeys_answersEveryPairInKeyOrder() {
        http.put("/kv/key2", "42").expect(200);
        http.put("/kv/key1", "\"value1\"").expect(200);

        HttpTestClient.Answer dump = http.get("/kv").expect(200);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("key1", "value1");
        expected.put("key2", 42);
        assertThat(dump.json()).isEqualTo(expected);
        assertThat(dump.body()).isEqualTo("{\"key1\":\"value1\",\"key2\":42}");
    }

    @Test
    void stats_keysWithAndWithoutTtl_answersSnakeCaseCounts() {
        http.put("/kv/a", "1").expect(200);
        http.put("/kv/b?ttl=300", "2").expect(200);
        http.put("/kv/c?ttl=300", "3").expect(200);

        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) http.get("/stats").expect(200).json();

        assertThat(stats).containsKeys("total_keys", "active_keys", "expired_keys", "keys_with_ttl", "hits",
            "misses", "expirations");
        assertThat(stats).containsEntry("total_keys", 3).containsEntry("active_keys", 3)
            .containsEntry("expired_keys", 0).containsEntry("keys_with_ttl", 2);
    }

    // ---------------------------------------------------------------- error handling

    @Test
    void mget_keyThatIsNotAString_answers400KeyMustBeAString() {
        assertThat(http.post("/kv/_mget", "[123]").expect(400).error()).isEqualTo("key must be a string");
    }

    @Test
    void expire_negativeTtl_answers400TtlMustBePositive() {
        http.put("/kv/key", "\"v\"").expect(200);

        assertThat(http.post("/kv/key/expire?ttl=-5").expect(400).error()).isEqualTo("TTL must be positive");
    }

    @Test
    void increment_textValue_answers400ExistingValueMustBeAnInteger() {
        http.put("/kv/text", "\"hello\"").expect(200);

        assertThat(http.post("/kv/text/increment").expect(400).error())
            .isEqualTo("existing value must be an integer");
        assertThat(http.get("/kv/text").expect(200).json()).isEqualTo(Map.of("key", "text", "value", "hello"));
    }
}
