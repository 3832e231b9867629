package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.core.KvStore;
import io.clusterkv.node.testing.InProcessNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What JSON becomes in the store, what the store's values become in JSON, and keys with any characters. */
@ExtendWith(SharedHttpNode.class)
class HttpValuesTest {
    private static HttpTestClient http;
    private static KvStore store;

    @BeforeAll
    static void connect(InProcessNode node) {
        http = new HttpTestClient(node.httpPort(), SharedHttpNode.TOKEN);
        store = node.server().context().store();
    }

    @BeforeEach
    void clear() {
        http.delete("/kv").expect(200);
    }

    @Test
    void put_everyJsonShape_storesJavaShapesAndReadsBackTheSameJson() {
        String json = "{\"s\":\"text\",\"i\":7,\"l\":9000000000,\"big\":123456789012345678901234567890,"
            + "\"d\":1.5,\"b\":false,\"list\":[1,\"two\",null],\"nested\":{\"empty\":{}}}";

        http.put("/kv/shapes", json).expect(200);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "text");
        expected.put("i", 7);
        expected.put("l", 9_000_000_000L);
        expected.put("big", new BigInteger("123456789012345678901234567890"));
        expected.put("d", 1.5);
        expected.put("b", false);
        expected.put("list", java.util.Arrays.asList(1, "two", null));
        expected.put("nested", Map.of("empty", Map.of()));
        assertThat(store.get("shapes")).isInstanceOf(LinkedHashMap.class).isEqualTo(expected);
        assertThat(http.get("/kv/shapes").expect(200).body()).isEqualTo("{\"key\":\"shapes\",\"value\":" + json + "}");
    }

    @Test
    void get_linearizable_readsThroughTheOrderedStreamWithTheSameAnswers() {
        http.put("/kv/ordered", "{\"n\":1}").expect(200);

        assertThat(http.get("/kv/ordered?linearizable").expect(200).body())
            .isEqualTo("{\"key\":\"ordered\",\"value\":{\"n\":1}}");
        http.get("/kv/missing?linearizable").expect(404);
    }

    @Test
    void get_valuesStoredByOtherMeans_answerTheirJsonForm() {
        store.set("bytes", new byte[] {1, 2, 3});
        store.set("long", 42L);
        store.set("instant", Instant.parse("2025-01-02T03:04:05Z"));
        store.set("list", List.of("a", "b"));

        assertThat(http.get("/kv/bytes").expect(200).json()).isEqualTo(Map.of("key", "bytes", "value", "AQID"));
        assertThat(http.get("/kv/long").expect(200).json()).isEqualTo(Map.of("key", "long", "value", 42));
        assertThat(http.get("/kv/instant").expect(200).json())
            .isEqualTo(Map.of("key", "instant", "value", "2025-01-02T03:04:05Z"));
        assertThat(http.get("/kv/list").expect(200).json()).isEqualTo(Map.of("key", "list", "value", List.of("a", "b")));
    }

    @Test
    void put_keyWithSlashSpacePlusAndUnicode_storesTheDecodedKey() {
        String key = "a/b c+d?e#f%g:ü";
        String path = "/kv/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");

        http.put(path, "\"v\"").expect(200);

        assertThat(store.get(key)).isEqualTo("v");
        assertThat(http.get(path).expect(200).json()).isEqualTo(Map.of("key", key, "value", "v"));
        assertThat(http.get(path + "/exists").expect(200).json()).isEqualTo(Map.of("exists", true));
        assertThat(http.get("/keys").expect(200).json()).isEqualTo(List.of(key));
    }

    @Test
    void put_literalPlusInPath_isAPlusNotASpace() {
        http.put("/kv/a+b", "1").expect(200);

        assertThat(store.get("a+b")).isEqualTo(1);
    }

    @Test
    void increment_integerStoredAsJson_countsOnFromIt() {
        http.put("/kv/n", "40").expect(200);

        assertThat(http.post("/kv/n/increment?delta=2").expect(200).json()).isEqualTo(Map.of("value", 42));
        assertThat(store.get("n")).isEqualTo(42L);
    }
}
