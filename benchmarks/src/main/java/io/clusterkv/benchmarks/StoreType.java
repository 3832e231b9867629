package io.clusterkv.benchmarks;

/**
 * The stores compared, named as they appear in the results ({@code -p store=...}). Constants are named after the
 * products, as Caffeine's {@code CacheType} is, so that the JMH tables read naturally.
 */
public enum StoreType {
    /** clusterkv's local store as shipped: system clock, statistics, background expiry sweeper. */
    LocalKvStore {
        @Override
        StoreUnderTest create() {
            return new LocalKvStoreUnderTest();
        }
    },
    /** The floor: a bare map with no TTL checks, statistics or copies. */
    ConcurrentHashMap {
        @Override
        StoreUnderTest create() {
            return new ConcurrentHashMapUnderTest();
        }
    },
    /** Caffeine with per-entry (variable) expiry, the closest library equivalent of a TTL store. */
    Caffeine {
        @Override
        StoreUnderTest create() {
            return new CaffeineUnderTest();
        }
    };

    /** @return a new, empty store of this type */
    abstract StoreUnderTest create();
}
