package io.clusterkv.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A bare {@link ConcurrentHashMap}: the lower bound any map-based store pays. A TTL is only recorded next to the
 * value (nothing ever expires), which is the least a TTL store must do on a write.
 */
final class ConcurrentHashMapUnderTest implements StoreUnderTest {
    // Non-capturing, so compute allocates only the new Long, as the store under comparison does.
    private static final BiFunction<String, Object, Object> ADD_ONE =
        (key, count) -> count == null ? 1L : (Long) count + 1;

    private final ConcurrentHashMap<String, Object> map;

    ConcurrentHashMapUnderTest() {
        this(new ConcurrentHashMap<>());
    }

    ConcurrentHashMapUnderTest(ConcurrentHashMap<String, Object> map) {
        this.map = map;
    }

    /** A value and the wall-clock millisecond it expires at. */
    record ExpiringValue(Object value, long deadlineMillis) {
    }

    @Override
    public @Nullable Object get(String key) {
        return map.get(key);
    }

    @Override
    public void set(String key, String value) {
        map.put(key, value);
    }

    @Override
    public void setTtl(String key, String value, long ttlSeconds) {
        map.put(key, new ExpiringValue(value, System.currentTimeMillis() + ttlSeconds * 1000));
    }

    @Override
    public long increment(String key) {
        return (Long) map.compute(key, ADD_ONE);
    }

    @Override
    public void close() {
    }
}
