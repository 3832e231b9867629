package io.clusterkv.cluster.internal;

import io.clusterkv.core.KvStats;
import io.clusterkv.core.KvStore;
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
import org.jspecify.annotations.Nullable;

/**
 * The store of a cluster node: reads from the local replica, writes through the ordered stream. Arguments are
 * checked and values serialized here, at the caller, so a bad call fails before anything is sent.
 */
public final class ReplicatedKvStore implements KvStore {
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

    private Object write(String type, Command command, String what) {
        metrics.operation(type);
        return node.write(command, what);
    }

    @Override
    public boolean set(String key, Object value) {
        Arguments.requireKey(key);
        write("set", new Command.Set(key, encode(value), 0, SetOptions.Condition.ALWAYS, false), "set of " + key);
        return true;
    }

    @Override
    public @Nullable Object get(String key) {
        metrics.operation("get");
        return reader.get(key);
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
        metrics.operation("get");
        return reader.get(key, type);
    }

    @Override
    public boolean delete(String key) {
        Arguments.requireKey(key);
        return (Boolean) write("delete", new Command.Delete(key, false), "delete of " + key);
    }

    @Override
    public boolean exists(String key) {
        metrics.operation("exists");
        return reader.exists(key);
    }

    @Override
    public boolean clear() {
        write("clear", new Command.Clear(), "clear");
        return true;
    }

    @Override
    public List<String> keys() {
        metrics.operation("keys");
        return reader.keys();
    }

    @Override
    public List<Object> values() {
        metrics.operation("values");
        return reader.values();
    }

    @Override
    public long size() {
        metrics.operation("size");
        return reader.size();
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean setTTL(String key, Object value, long ttlSeconds) {
        return setWithTtl(key, value, Arguments.ttlMillis(ttlSeconds));
    }

    @Override
    public boolean setTTL(String key, Object value, Duration ttl) {
        return setWithTtl(key, value, Arguments.ttlMillis(ttl));
    }

    private boolean setWithTtl(String key, Object value, long ttlMillis) {
        Arguments.requireKey(key);
        write("setTTL", new Command.Set(key, encode(value), ttlMillis, SetOptions.Condition.ALWAYS, false),
            "setTTL of " + key);
        return true;
    }

    @Override
    public @Nullable Long getTTL(String key) {
        metrics.operation("getTTL");
        return reader.getTTL(key);
    }

    @Override
    public @Nullable Long getTTLMillis(String key) {
        metrics.operation("getTTL");
        return reader.getTTLMillis(key);
    }

    @Override
    public boolean expire(String key, long ttlSeconds) {
        return expireAfter(key, Arguments.ttlMillis(ttlSeconds));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return expireAfter(key, Arguments.ttlMillis(ttl));
    }

    private boolean expireAfter(String key, long ttlMillis) {
        Arguments.requireKey(key);
        return (Boolean) write("expire", new Command.Expire(key, ttlMillis), "expire of " + key);
    }

    @Override
    public List<@Nullable Object> mget(List<String> keys) {
        metrics.operation("mget");
        return reader.mget(keys);
    }

    @Override
    public boolean mset(Map<String, ?> pairs) {
        Arguments.requirePairs(pairs);
        List<String> keys = new ArrayList<>(pairs.size());
        List<byte[]> values = new ArrayList<>(pairs.size());
        for (Map.Entry<String, ?> pair : pairs.entrySet()) {
            keys.add(pair.getKey());
            values.add(encode(pair.getValue()));
        }
        write("mset", new Command.MultiSet(keys, values), "mset of " + keys.size() + " keys");
        return true;
    }

    @Override
    public long increment(String key, long delta) {
        Arguments.requireKey(key);
        return (Long) write("increment", new Command.Increment(key, delta), "increment of " + key);
    }

    @Override
    public long decrement(String key, long delta) {
        Arguments.requireKey(key);
        if (delta == Long.MIN_VALUE) {
            throw new OverflowException();
        }
        return (Long) write("decrement", new Command.Increment(key, -delta), "decrement of " + key);
    }

    @Override
    public Map<String, Object> dump() {
        metrics.operation("dump");
        return reader.dump();
    }

    @Override
    public KvStats stats() {
        metrics.operation("stats");
        return reader.stats(node.machine().expirations());
    }

    @Override
    public SetOutcome set(String key, Object value, SetOptions options) {
        Arguments.requireKey(key);
        Objects.requireNonNull(options, "options must not be null");
        return (SetOutcome) write("set", new Command.Set(key, encode(value), options.ttlMillis(), options.condition(),
            options.keepTtl()), "set of " + key);
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        Arguments.requireKey(key);
        return write("getAndDelete", new Command.Delete(key, true), "getAndDelete of " + key);
    }

    @Override
    public boolean persist(String key) {
        Arguments.requireKey(key);
        return (Boolean) write("persist", new Command.Persist(key), "persist of " + key);
    }

    @Override
    public void close() {
        closer.run();
    }
}
