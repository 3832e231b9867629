package io.clusterkv.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.OverflowException;
import io.clusterkv.core.WrongTypeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every documented error, with its exact message, and proof that a failed call changed nothing. */
public abstract class ErrorCasesContract extends StoreContract {

    @Test
    void everyKeyTakingOperation_nullKey_failsWithKeyMustBeAString() {
        List<Runnable> calls = List.of(
            () -> kv.set(null, "v"), () -> kv.get(null), () -> kv.get(null, String.class), () -> kv.delete(null),
            () -> kv.exists(null), () -> kv.setTTL(null, "v", 1), () -> kv.setTTL(null, "v", Duration.ofSeconds(1)),
            () -> kv.getTTL(null), () -> kv.getTTLMillis(null), () -> kv.expire(null, 1),
            () -> kv.expire(null, Duration.ofSeconds(1)), () -> kv.mget(Arrays.asList("a", null)),
            () -> kv.mset(nullKeyPairs()), () -> kv.increment(null), () -> kv.increment(null, 2),
            () -> kv.decrement(null), () -> kv.decrement(null, 2));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("key must be a string");
        }
        assertThat(kv.stats().totalKeys()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -5, Long.MIN_VALUE})
    void ttlOperations_nonPositiveTtl_failWithTtlMustBePositiveAndChangeNothing(long ttl) {
        kv.set("k", "v");

        assertThatThrownBy(() -> kv.setTTL("k", "other", ttl)).hasMessage("TTL must be positive");
        assertThatThrownBy(() -> kv.expire("k", ttl)).hasMessage("TTL must be positive");
        assertThatThrownBy(() -> kv.setTTL("k", "other", Duration.ofSeconds(ttl))).hasMessage("TTL must be positive");
        assertThatThrownBy(() -> kv.expire("missing", ttl)).hasMessage("TTL must be positive");

        assertThat(kv.get("k")).isEqualTo("v");
        assertThat(kv.getTTL("k")).isEqualTo(-1);
        assertThat(kv.exists("missing")).isFalse();
    }

    @Test
    void setTTL_hugeTtl_failsNamingTheLimit() {
        assertThatThrownBy(() -> kv.setTTL("k", "v", Long.MAX_VALUE)).isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("TTL " + Long.MAX_VALUE + " s is too large");
        assertThat(kv.exists("k")).isFalse();
    }

    @Test
    void setAndSetTtlAndMset_nullValue_failWithValueMustNotBeNull() {
        assertThatThrownBy(() -> kv.set("k", null)).isInstanceOf(InvalidArgumentException.class)
            .hasMessage("value must not be null");
        assertThatThrownBy(() -> kv.setTTL("k", null, 5)).hasMessage("value must not be null");
        Map<String, Object> pairs = new HashMap<>();
        pairs.put("k", null);
        assertThatThrownBy(() -> kv.mset(pairs)).hasMessage("value must not be null");
        assertThat(kv.exists("k")).isFalse();
    }

    @Test
    void mset_oneBadPair_storesNothing() {
        kv.set("a", "before");
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("a", "after");
        pairs.put("b", "after");
        pairs.put("c", null);

        assertThatThrownBy(() -> kv.mset(pairs)).isInstanceOf(InvalidArgumentException.class);

        assertThat(kv.get("a")).isEqualTo("before");
        assertThat(kv.exists("b")).isFalse();
    }

    @Test
    void increment_nonIntegerValues_failAndLeaveTheValue() {
        for (Object value : List.of("5", 1.5d, 2.5f, true, List.of(1), new byte[] {1})) {
            kv.set("k", value);
            assertThatThrownBy(() -> kv.increment("k")).isInstanceOf(WrongTypeException.class)
                .hasMessage("existing value must be an integer");
            assertThatThrownBy(() -> kv.decrement("k", 3)).hasMessage("existing value must be an integer");
            assertThat(kv.get("k")).isEqualTo(value);
        }
    }

    @Test
    void increment_integerTypes_storeALong() {
        kv.set("b", (byte) 1);
        kv.set("s", (short) 1);
        kv.set("i", 1);

        assertThat(kv.increment("b")).isEqualTo(2);
        assertThat(kv.increment("s")).isEqualTo(2);
        assertThat(kv.increment("i")).isEqualTo(2);
        assertThat(kv.mget(List.of("b", "s", "i"))).containsExactly(2L, 2L, 2L);
    }

    @Test
    void increment_pastLongRange_failsWithOverflowAndKeepsTheValue() {
        kv.set("max", Long.MAX_VALUE);
        kv.set("min", Long.MIN_VALUE);

        assertThatThrownBy(() -> kv.increment("max")).isInstanceOf(OverflowException.class)
            .hasMessage("increment or decrement would overflow");
        assertThatThrownBy(() -> kv.decrement("min")).isInstanceOf(OverflowException.class);
        assertThat(kv.increment("fresh", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> kv.decrement("other", Long.MIN_VALUE)).isInstanceOf(OverflowException.class);

        assertThat(kv.get("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(kv.get("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(kv.exists("other")).isFalse();
    }

    @Test
    void typedGet_otherType_failsNamingBothTypes() {
        kv.set("name", "ada");

        assertThatThrownBy(() -> kv.get("name", Long.class)).isInstanceOf(WrongTypeException.class)
            .hasMessage("value of key 'name' is a java.lang.String, not a java.lang.Long");
    }

    @Test
    void typedGet_smallIntegerAsLong_isWidened() {
        kv.set("counter", 42);

        assertThat(kv.get("counter", Long.class)).isEqualTo(42L);
        assertThat(kv.get("counter", Integer.class)).isEqualTo(42);
        assertThat(kv.get("missing", Long.class)).isNull();
    }

    @Test
    void mgetAndMset_nullCollections_failClearly() {
        assertThatThrownBy(() -> kv.mget(null)).isInstanceOf(InvalidArgumentException.class)
            .hasMessage("keys must not be null");
        assertThatThrownBy(() -> kv.mset(null)).isInstanceOf(InvalidArgumentException.class)
            .hasMessage("pairs must not be null");
    }

    private static Map<String, Object> nullKeyPairs() {
        Map<String, Object> pairs = new HashMap<>();
        pairs.put(null, "v");
        return pairs;
    }
}
