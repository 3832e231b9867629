package io.clusterkv.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.WrongTypeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every example of the specification, from "Basic Operations" through "Utility Functions" and "Error Handling",
 * with the documented result asserted exactly.
 */
public abstract class SpecExamplesContract extends StoreContract {

    // ---------------------------------------------------------------- basic operations

    @Test
    void set_examples_returnTrueAndStore() {
        assertThat(kv.set("user:123", Map.of("name", "John", "age", 30))).isTrue();
        assertThat(kv.set("session:456", "active")).isTrue();
        assertThat(kv.set("counter", 42)).isTrue();

        assertThat(kv.get("session:456")).isEqualTo("active");
        assertThat(kv.get("counter")).isEqualTo(42);
    }

    @Test
    void get_storedUserAndMissingKey_returnUserAndNull() {
        kv.set("user:123", Map.of("name", "John", "age", 30));

        assertThat(kv.get("user:123")).isEqualTo(Map.of("name", "John", "age", 30));
        assertThat(kv.get("nonexistent")).isNull();
    }

    @Test
    void delete_existingKey_returnsTrueAndRemovesIt() {
        kv.set("session:456", "active");

        assertThat(kv.delete("session:456")).isTrue();
        assertThat(kv.exists("session:456")).isFalse();
        assertThat(kv.delete("session:456")).isFalse();
    }

    @Test
    void exists_storedUser_returnsTrue() {
        kv.set("user:123", Map.of("name", "John", "age", 30));

        assertThat(kv.exists("user:123")).isTrue();
        assertThat(kv.exists("user:999")).isFalse();
    }

    @Test
    void clear_filledStore_returnsTrueAndEmptiesIt() {
        kv.set("a", 1);
        kv.setTTL("b", 2, 60);

        assertThat(kv.clear()).isTrue();
        assertThat(kv.isEmpty()).isTrue();
        assertThat(kv.stats().totalKeys()).isZero();
    }

    // ---------------------------------------------------------------- store information

    @Test
    void keys_twoKeys_returnsBoth() {
        kv.set("key1", "value1");
        kv.set("key2", "value2");

        assertThat(kv.keys()).isEqualTo(List.of("key1", "key2"));
    }

    @Test
    void values_twoKeys_returnsBothValues() {
        kv.set("key1", "value1");
        kv.set("key2", "value2");

        assertThat(kv.values()).isEqualTo(List.of("value1", "value2"));
    }

    @Test
    void size_twoKeys_returnsTwo() {
        kv.set("key1", "value1");
        kv.set("key2", "value2");

        assertThat(kv.size()).isEqualTo(2);
    }

    @Test
    void isEmpty_newStoreThenOneKey_trueThenFalse() {
        assertThat(kv.isEmpty()).isTrue();
        kv.set("key1", "value1");
        assertThat(kv.isEmpty()).isFalse();
    }

    @Test
    void keysValuesSize_expiredEntry_leaveItOut() {
        kv.set("key1", "value1");
        kv.setTTL("key2", "value2", 1);
        clock.advance(Duration.ofSeconds(1));

        assertThat(kv.keys()).containsExactly("key1");
        assertThat(kv.values()).containsExactly("value1");
        assertThat(kv.size()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- ttl operations

    @Test
    void setTTL_examples_returnTrueAndExpireOnTime() {
        Map<String, Object> userData = Map.of("name", "John");
        assertThat(kv.setTTL("session:temp", "temporary_data", 300)).isTrue();
        assertThat(kv.setTTL("cache:user:123", userData, 3600)).isTrue();

        clock.advance(Duration.ofSeconds(300));
        assertThat(kv.get("session:temp")).isNull();
        assertThat(kv.get("cache:user:123")).isEqualTo(userData);
    }

    @Test
    void getTTL_example_remainingSecondsThenMinusOneThenNull() {
        kv.setTTL("session:temp", "temporary_data", 300);
        kv.set("plain", "x");

        Long remaining = kv.getTTL("session:temp");
        assertThat(remaining).isNotNull().isEqualTo(300L);
        assertThat(kv.getTTL("plain")).isEqualTo(-1L);
        assertThat(kv.getTTL("missing")).isNull();
    }

    @Test
    void expire_example_returnsTrueAndExpiresAfterOneMinute() {
        kv.set("temp:data", "some data");

        assertThat(kv.expire("temp:data", 60)).isTrue();
        assertThat(kv.getTTL("temp:data")).isEqualTo(60L);
        clock.advance(Duration.ofSeconds(60));
        assertThat(kv.exists("temp:data")).isFalse();
    }

    // ---------------------------------------------------------------- bulk operations

    @Test
    void mget_twoOfThreeKeys_returnsValuesAndNullInOrder() {
        kv.set("user:1", "Alice");
        kv.set("user:2", "Bob");

        assertThat(kv.mget(List.of("user:1", "user:2", "user:3"))).isEqualTo(Arrays.asList("Alice", "Bob", null));
    }

    @Test
    void mset_bulkData_returnsTrueAndStoresAll() {
        Map<String, Object> bulkData = new LinkedHashMap<>();
        bulkData.put("config:theme", "dark");
        bulkData.put("config:language", "en");
        bulkData.put("config:notifications", true);

        assertThat(kv.mset(bulkData)).isTrue();
        assertThat(kv.dump()).isEqualTo(bulkData);
    }

    // ---------------------------------------------------------------- atomic operations

    @Test
    void increment_examples_returnDocumentedValues() {
        assertThat(kv.increment("page:views")).isEqualTo(1);
        assertThat(kv.increment("user:score", 10)).isEqualTo(10);
        kv.set("counter", 5);
        assertThat(kv.increment("counter", 3)).isEqualTo(8);
        assertThat(kv.get("counter")).isEqualTo(8L);
    }

    @Test
    void decrement_examples_returnDocumentedValues() {
        assertThat(kv.decrement("lives")).isEqualTo(-1);
        kv.set("inventory", 100);
        assertThat(kv.decrement("inventory", 15)).isEqualTo(85);
    }

    // ---------------------------------------------------------------- utility functions

    @Test
    void dump_example_returnsAllPairs() {
        kv.set("key1", "value1");
        kv.set("key2", 42);

        assertThat(kv.dump()).isEqualTo(Map.of("key1", "value1", "key2", 42));
    }

    @Test
    void stats_example_reportsDocumentedCounts() {
        for (int i = 0; i < 5; i++) {
            kv.set("plain:" + i, i);
        }
        for (int i = 0; i < 3; i++) {
            kv.setTTL("long:" + i, i, 3600);
        }
        for (int i = 0; i < 2; i++) {
            kv.setTTL("short:" + i, i, 1);
        }
        clock.advance(Duration.ofSeconds(2));

        Map<String, Object> stats = kv.stats().toMap();

        assertThat(stats).containsEntry("total_keys", 10L).containsEntry("active_keys", 8L)
            .containsEntry("expired_keys", 2L).containsEntry("keys_with_ttl", 5L);
    }

    // ---------------------------------------------------------------- error handling

    @Test
    void get_invalidKey_failsWithKeyMustBeAString() {
        // Java's typed API cannot take the spec's kv.get(123); a null key is the invalid key it can receive.
        assertThatThrownBy(() -> kv.get(null)).isInstanceOf(InvalidArgumentException.class)
            .hasMessage("key must be a string");
    }

    @Test
    void expire_negativeTtl_failsWithTtlMustBePositive() {
        kv.set("key", "v");

        assertThatThrownBy(() -> kv.expire("key", -5)).isInstanceOf(InvalidArgumentException.class)
            .hasMessage("TTL must be positive");
        assertThat(kv.getTTL("key")).isEqualTo(-1L);
    }

    @Test
    void increment_textValue_failsWithExistingValueMustBeAnInteger() {
        kv.set("text", "hello");

        assertThatThrownBy(() -> kv.increment("text")).isInstanceOf(WrongTypeException.class)
            .hasMessage("existing value must be an integer");
        assertThat(kv.get("text")).isEqualTo("hello");
    }
}
