package io.clusterkv.node.resp;

import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.core.KvStats;
import io.clusterkv.core.LocalKvStore;
import io.clusterkv.core.SetOptions;
import io.clusterkv.core.SetOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store whose asynchronous writes wait until the test releases them, in any order, as replicated writes may
 * complete; a released write is applied to a local store then. Reads and blocking calls go straight to it.
 */
final class HeldWritesStore implements AsyncKvStore {
    private final LocalKvStore local = new LocalKvStore();
    private final List<Held<?>> held = new ArrayList<>();

    private record Held<T>(Supplier<T> write, CompletableFuture<T> result) {
        void release() {
            try {
                result.complete(write.get());
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        }
    }

    /** @return how many writes wait */
    synchronized int held() {
        return held.size();
    }

    /** Applies and completes the write issued {@code index}-th among those still held. */
    void release(int index) {
        Held<?> write;
        synchronized (this) {
            write = held.remove(index);
        }
        write.release();
    }

    /** Fails the write issued {@code index}-th among those still held, without applying it. */
    void fail(int index, RuntimeException failure) {
        Held<?> write;
        synchronized (this) {
            write = held.remove(index);
        }
        write.result().completeExceptionally(failure);
    }

    private synchronized <T> CompletableFuture<T> hold(Supplier<T> write) {
        CompletableFuture<T> result = new CompletableFuture<>();
        held.add(new Held<>(write, result));
        return result;
    }

    @Override
    public CompletableFuture<Object> getLinearizable(String key) {
        return hold(() -> local.get(key));
    }

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value) {
        return hold(() -> local.set(key, value));
    }

    @Override
    public CompletableFuture<SetOutcome> setAsync(String key, Object value, SetOptions options) {
        return hold(() -> local.set(key, value, options));
    }

    @Override
    public CompletableFuture<Boolean> setTTLAsync(String key, Object value, Duration ttl) {
        return hold(() -> local.setTTL(key, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return hold(() -> local.delete(key));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return hold(() -> local.getAndDelete(key));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, Duration ttl) {
        return hold(() -> local.expire(key, ttl));
    }

    @Override
    public CompletableFuture<Boolean> persistAsync(String key) {
        return hold(() -> local.persist(key));
    }

    @Override
    public CompletableFuture<Long> incrementAsync(String key, long delta) {
        return hold(() -> local.increment(key, delta));
    }

    @Override
    public CompletableFuture<Long> decrementAsync(String key, long delta) {
        return hold(() -> local.decrement(key, delta));
    }

    @Override
    public CompletableFuture<Boolean> msetAsync(Map<String, ?> pairs) {
        return hold(() -> local.mset(pairs));
    }

    @Override
    public CompletableFuture<Boolean> clearAsync() {
        return hold(local::clear);
    }

    @Override
    public boolean set(String key, Object value) {
        return local.set(key, value);
    }

    @Override
    public @Nullable Object get(String key) {
        return local.get(key);
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
        return local.get(key, type);
    }

    @Override
    public boolean delete(String key) {
        return local.delete(key);
    }

    @Override
    public boolean exists(String key) {
        return local.exists(key);
    }

    @Override
    public boolean clear() {
        return local.clear();
    }

    @Override
    public List<String> keys() {
        return local.keys();
    }

    @Override
    public List<Object> values() {
        return local.values();
    }

    @Override
    public long size() {
        return local.size();
    }

    @Override
    public boolean isEmpty() {
        return local.isEmpty();
    }

    @Override
    public boolean setTTL(String key, Object value, long ttlSeconds) {
        return local.setTTL(key, value, ttlSeconds);
    }

    @Override
    public boolean setTTL(String key, Object value, Duration ttl) {
        return local.setTTL(key, value, ttl);
    }

    @Override
    public @Nullable Long getTTL(String key) {
        return local.getTTL(key);
    }

    @Override
    public @Nullable Long getTTLMillis(String key) {
        return local.getTTLMillis(key);
    }

    @Override
    public boolean expire(String key, long ttlSeconds) {
        return local.expire(key, ttlSeconds);
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return local.expire(key, ttl);
    }

    @Override
    public List<@Nullable Object> mget(List<String> keys) {
        return local.mget(keys);
    }

    @Override
    public boolean mset(Map<String, ?> pairs) {
        return local.mset(pairs);
    }

    @Override
    public long increment(String key, long delta) {
        return local.increment(key, delta);
    }

    @Override
    public long decrement(String key, long delta) {
        return local.decrement(key, delta);
    }

    @Override
    public Map<String, Object> dump() {
        return local.dump();
    }

    @Override
    public SetOutcome set(String key, Object value, SetOptions options) {
        return local.set(key, value, options);
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        return local.getAndDelete(key);
    }

    @Override
    public boolean persist(String key) {
        return local.persist(key);
    }

    @Override
    public KvStats stats() {
        return local.stats();
    }

    @Override
    public void close() {
        local.close();
    }
}
