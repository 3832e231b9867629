package io.clusterkv.benchmarks;

import io.clusterkv.core.LocalKvStore;
import org.jspecify.annotations.Nullable;

/** {@link LocalKvStore}, by default with its default settings, so the numbers are those an application gets. */
final class LocalKvStoreUnderTest implements StoreUnderTest {
    private final LocalKvStore store;

    LocalKvStoreUnderTest() {
        this(new LocalKvStore());
    }

    LocalKvStoreUnderTest(LocalKvStore store) {
        this.store = store;
    }

    @Override
    public @Nullable Object get(String key) {
        return store.get(key);
    }

    @Override
    public void set(String key, String value) {
        store.set(key, value);
    }

    @Override
    public void setTtl(String key, String value, long ttlSeconds) {
        store.setTTL(key, value, ttlSeconds);
    }

    @Override
    public long increment(String key) {
        return store.increment(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
