package io.clusterkv.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * The four operations the core benchmarks time, as each competing store performs them. A fork measures one
 * implementation only, so the call through this interface is monomorphic and inlined: it costs every store the
 * same (nothing), as the {@code BasicCache} adapter does in Caffeine's {@code GetPutBenchmark}.
 */
interface StoreUnderTest extends AutoCloseable {

    /** @return the value stored under the key, or null */
    @Nullable Object get(String key);

    /** Stores a value that does not expire. */
    void set(String key, String value);

    /** Stores a value that expires after {@code ttlSeconds}. */
    void setTtl(String key, String value, long ttlSeconds);

    /**
     * Adds one to the counter under the key.
     *
     * @return the new count
     */
    long increment(String key);

    /** Stops any background work the store started. */
    @Override
    void close();
}
