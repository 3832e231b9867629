package io.clusterkv.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A Caffeine {@link Cache} with variable expiry: {@code setTtl} gives the entry its own duration through
 * {@link VarExpiration#put(Object, Object, long, TimeUnit)}, as a TTL store does. Unbounded in size, like the
 * other stores, so that eviction is not part of the comparison.
 */
final class CaffeineUnderTest implements StoreUnderTest {
    private static final BiFunction<String, Object, Object> ADD_ONE =
        (key, count) -> count == null ? 1L : (Long) count + 1;

    private final Cache<String, Object> cache = Caffeine.newBuilder().expireAfter(new PerEntryTtl()).build();
    private final VarExpiration<String, Object> ttl = cache.policy().expireVariably().orElseThrow();

    @Override
    public @Nullable Object get(String key) {
        return cache.getIfPresent(key);
    }

    @Override
    public void set(String key, String value) {
        cache.put(key, value);
    }

    @Override
    public void setTtl(String key, String value, long ttlSeconds) {
        ttl.put(key, value, ttlSeconds, TimeUnit.SECONDS);
    }

    @Override
    public long increment(String key) {
        return (Long) cache.asMap().compute(key, ADD_ONE);
    }

    /** Runs the pending maintenance; Caffeine keeps no thread of its own to stop. */
    @Override
    public void close() {
        cache.cleanUp();
    }

    /**
     * Entries live forever unless given a TTL; an update keeps the entry's remaining time, as the store's
     * increment keeps a key's TTL.
     */
    private static final class PerEntryTtl implements Expiry<String, Object> {
        @Override
        public long expireAfterCreate(String key, Object value, long currentTime) {
            return Long.MAX_VALUE;
        }

        @Override
        public long expireAfterUpdate(String key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String key, Object value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
