package io.clusterkv.cluster.internal;

import io.clusterkv.cluster.WriteOutcomeUnknownException;
import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.core.KvException;
import io.clusterkv.core.KvStats;
import io.clusterkv.core.OverflowException;
import io.clusterkv.core.SetOptions;
import io.clusterkv.core.SetOutcome;
import io.clusterkv.core.TimeSource;
import io.clusterkv.core.internal.Arguments;
import io.clusterkv.core.internal.StoreReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The store of a cluster node: reads from the local replica, writes through the ordered stream. Arguments are
 * checked and values serialized here, at the caller, so a bad call fails before anything is sent.
 */
public final class ReplicatedKvStore implements AsyncKvStore {
    private final ReplicationNode node;
    private final StoreReader reader;
    private final ClusterMetrics metrics;
    private final Runnable closer;

    /**
     * @param closer what {@link #close()} does: close the node
     */
    public ReplicatedKvStore(ReplicationNode node, TimeSource time, ClusterMetrics metrics, Runnable closer) {
        this.node = node;
        this.reader = new StoreReader(node.machine().engine(), time);
        this.metrics = metrics;
        this.closer = closer;
        metrics.functionCounter("hits", "reads that found a value", reader, StoreReader::hits);
        metrics.functionCounter("misses", "reads that found nothing", reader, StoreReader::misses);
    }

    private byte[] encode(Object value) {
        return node.codec().encodeValue(Arguments.requireValue(value));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> write(String type, Command command, String subject) {
        metrics.operation(type);
        return (CompletableFuture<T>) (CompletableFuture<?>) node.writeAsync(command, type, subject);
    }

    /** Waits for a write; the node's overdue sweep bounds the wait by the write timeout. */
    private static <T> T await(CompletableFuture<T> write) {
        try {
            return write.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new KvException("write failed: " + failed.getCause(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new WriteOutcomeUnknownException("interrupted while waiting for a write; its outcome is unknown");
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public CompletableFuture<@Nullable Object> getLinearizable(String key) {
        Arguments.requireKey(key);
        return write("getLinearizable", new Command.Read(key), key);
    }

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value) {
        Arguments.requireKey(key);
        return this.<SetOutcome>write("set", plainSet(key, value, 0), key).thenApply(outcome -> Boolean.TRUE);
    }

    @Override
    public boolean set(String key, Object value) {
        return await(setAsync(key, value));
    }

    @Override
    public CompletableFuture<Boolean> setTTLAsync(String key, Object value, Duration ttl) {
        return setWithTtl(key, value, Arguments.ttlMillis(ttl));
    }

    @Override
    public boolean setTTL(String key, Object value, long ttlSeconds) {
        return await(setWithTtl(key, value, Arguments.ttlMillis(ttlSeconds)));
    }

    @Override
    public boolean setTTL(String key, Object value, Duration ttl) {
        return await(setTTLAsync(key, value, ttl));
    }

    private CompletableFuture<Boolean> setWithTtl(String key, Object value, long ttlMillis) {
        Arguments.requireKey(key);
        return this.<SetOutcome>write("setTTL", plainSet(key, value, ttlMillis), key)
            .thenApply(outcome -> Boolean.TRUE);
    }

    private Command plainSet(String key, Object value, long ttlMillis) {
        return new Command.Set(key, encode(value), ttlMillis, SetOptions.Condition.ALWAYS, false);
    }

    @Override
    public CompletableFuture<SetOutcome> setAsync(String key, Object value, SetOptions options) {
        Arguments.requireKey(key);
        Objects.requireNonNull(options, "options must not be null");
        return write("set", new Command.Set(key, encode(value), options.ttlMillis(), options.condition(),
            options.keepTtl()), key);
    }

    @Override
    public SetOutcome set(String key, Object value, SetOptions options) {
        return await(setAsync(key, value, options));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        Arguments.requireKey(key);
        return write("delete", new Command.Delete(key, false), key);
    }

    @Override
    public boolean delete(String key) {
        return await(deleteAsync(key));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        Arguments.requireKey(key);
        return write("getAndDelete", new Command.Delete(key, true), key);
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        return await(getAndDeleteAsync(key));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, Duration ttl) {
        return expireAfter(key, Arguments.ttlMillis(ttl));
    }

    @Override
    public boolean expire(String key, long ttlSeconds) {
        return await(expireAfter(key, Arguments.ttlMillis(ttlSeconds)));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return await(expireAsync(key, ttl));
    }

    private CompletableFuture<Boolean> expireAfter(String key, long ttlMillis) {
        Arguments.requireKey(key);
        return write("expire", new Command.Expire(key, ttlMillis), key);
    }

    @Override
    public CompletableFuture<Boolean> persistAsync(String key) {
        Arguments.requireKey(key);
        return write("persist", new Command.Persist(key), key);
    }

    @Override
    public boolean persist(String key) {
        return await(persistAsync(key));
    }

    @Override
    public CompletableFuture<Long> incrementAsync(String key, long delta) {
        Arguments.requireKey(key);
        return write("increment", new Command.Increment(key, delta), key);
    }

    @Override
    public long increment(String key, long delta) {
        return await(incrementAsync(key, delta));
    }

    @Override
    public CompletableFuture<Long> decrementAsync(String key, long delta) {
        Arguments.requireKey(key);
        if (delta == Long.MIN_VALUE) {
            throw new OverflowException();
        }
        return write("decrement", new Command.Increment(key, -delta), key);
    }

    @Override
    public long decrement(String key, long delta) {
        return await(decrementAsync(key, delta));
    }

    @Override
    public CompletableFuture<Boolean> msetAsync(Map<String, ?> pairs) {
        Arguments.requirePairs(pairs);
        List<String> keys = new ArrayList<>(pairs.size());
        List<byte[]> values = new ArrayList<>(pairs.size());
        for (Map.Entry<String, ?> pair : pairs.entrySet()) {
            keys.add(pair.getKey());
            values.add(encode(pair.getValue()));
        }
        return write("mset", new Command.MultiSet(keys, values), keys.size() + " keys");
    }

    @Override
    public boolean mset(Map<String, ?> pairs) {
        return await(msetAsync(pairs));
    }

    @Override
    public CompletableFuture<Boolean> clearAsync() {
        return write("clear", new Command.Clear(), "every key");
    }

    @Override
    public boolean clear() {
        return await(clearAsync());
    }

    // ---------------------------------------------------------------- reads, from the local replica

    /** @return the reader, after checking reads are allowed (they may not be in a part without quorum) */
    private StoreReader reads() {
        node.checkReadAllowed();
        return reader;
    }

    @Override
    public @Nullable Object get(String key) {
        metrics.operation("get");
        return reads().get(key);
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
        metrics.operation("get");
        return reads().get(key, type);
    }

    @Override
    public boolean exists(String key) {
        metrics.operation("exists");
        return reads().exists(key);
    }

    @Override
    public List<String> keys() {
        metrics.operation("keys");
        return reads().keys();
    }

    @Override
    public List<Object> values() {
        metrics.operation("values");
        return reads().values();
    }

    @Override
    public long size() {
        metrics.operation("size");
        return reads().size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public @Nullable Long getTTL(String key) {
        metrics.operation("getTTL");
        return reads().getTTL(key);
    }

    @Override
    public @Nullable Long getTTLMillis(String key) {
        metrics.operation("getTTL");
        return reads().getTTLMillis(key);
    }

    @Override
    public List<@Nullable Object> mget(List<String> keys) {
        metrics.operation("mget");
        return reads().mget(keys);
    }

    @Override
    public Map<String, Object> dump() {
        metrics.operation("dump");
        return reads().dump();
    }

    @Override
    public KvStats stats() {
        metrics.operation("stats");
        return reads().stats(node.machine().expirations());
    }

    @Override
    public void close() {
        closer.run();
    }
}
