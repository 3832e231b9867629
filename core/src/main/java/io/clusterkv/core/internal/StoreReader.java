package io.clusterkv.core.internal;

import io.clusterkv.core.KvStats;
import io.clusterkv.core.TimeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The read side of every store, over a {@link StoreEngine} and a clock: the local store and a cluster node's
 * replica answer reads the same way, hiding expired keys by the local clock and returning snapshots.
 */
public final class StoreReader {
    private final StoreEngine engine;
    private final TimeSource time;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param engine the data
     * @param time   the clock that decides whether a key has expired for a reader
     */
    public StoreReader(StoreEngine engine, TimeSource time) {
        this.engine = engine;
        this.time = time;
    }

    /** @return the current time of this reader's clock */
    public long now() {
        return time.currentTimeMillis();
    }

    /** @return reads that found a value */
    public long hits() {
        return hits.sum();
    }

    /** @return reads that found nothing */
    public long misses() {
        return misses.sum();
    }

    /** @return a snapshot of the live value, or null; counts a hit or a miss */
    public @Nullable Object get(String key) {
        Object raw = engine.getLiveRaw(Arguments.requireKey(key), time);
        return countedValue(raw);
    }

    /** @return the typed live value, or null */
    public <T> @Nullable T get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type must not be null");
        return TypedValues.cast(key, get(key), type);
    }

    /** @return whether the key is live */
    public boolean exists(String key) {
        return engine.getLiveRaw(Arguments.requireKey(key), time) != null;
    }

    /** @return remaining seconds rounded to the nearest second, -1 without TTL, null when missing */
    public @Nullable Long getTTL(String key) {
        Long millis = getTTLMillis(key);
        if (millis == null || millis < 0) {
            return millis;
        }
        return (millis + 500) / 1000; // rounded to the nearest second, as Redis TTL does
    }

    /** @return remaining milliseconds, -1 without TTL, null when missing */
    public @Nullable Long getTTLMillis(String key) {
        Object raw = engine.getRaw(Arguments.requireKey(key));
        if (raw == null) {
            return null;
        }
        long deadline = StoreEngine.deadlineOf(raw);
        if (deadline == StoreEngine.NO_DEADLINE) {
            return -1L;
        }
        long remaining = deadline - time.currentTimeMillis();
        return remaining > 0 ? remaining : null;
    }

    /** @return live keys in ascending order */
    public List<String> keys() {
        return keys(key -> true);
    }

    /** @return live keys accepted by the filter, in ascending order */
    public List<String> keys(Predicate<String> filter) {
        List<Map.Entry<String, Object>> live = sortedLiveEntries();
        List<String> keys = new ArrayList<>(live.size());
        for (Map.Entry<String, Object> entry : live) {
            if (filter.test(entry.getKey())) {
                keys.add(entry.getKey());
            }
        }
        return keys;
    }

    /** @return snapshots of the live values in key order */
    public List<Object> values() {
        List<Map.Entry<String, Object>> live = sortedLiveEntries();
        List<Object> values = new ArrayList<>(live.size());
        for (Map.Entry<String, Object> entry : live) {
            values.add(Values.snapshot(StoreEngine.valueOf(entry.getValue())));
        }
        return values;
    }

    /** @return the number of live keys, at one instant */
    public long size() {
        long now = now();
        return engine.readConsistently(() -> engine.liveEntries(now).size());
    }

    /** @return snapshots of the values, null for missing keys, read at one instant */
    public List<@Nullable Object> mget(List<String> keys) {
        Arguments.requireKeys(keys);
        long now = now();
        TimeSource readTime = () -> now;
        List<@Nullable Object> raws = engine.readConsistently(() -> {
            List<@Nullable Object> found = new ArrayList<>(keys.size());
            for (String key : keys) {
                found.add(engine.getLiveRaw(key, readTime));
            }
            return found;
        });
        List<@Nullable Object> values = new ArrayList<>(raws.size());
        for (Object raw : raws) {
            values.add(countedValue(raw));
        }
        return values;
    }

    /** @return every live pair in key order, at one instant */
    public Map<String, Object> dump() {
        List<Map.Entry<String, Object>> live = sortedLiveEntries();
        Map<String, Object> dump = new LinkedHashMap<>(live.size() * 2);
        for (Map.Entry<String, Object> entry : live) {
            dump.put(entry.getKey(), Values.snapshot(StoreEngine.valueOf(entry.getValue())));
        }
        return dump;
    }

    /**
     * @param expirations keys removed because they expired, counted by the writer side
     * @return the statistics, from one weakly consistent pass over the entries
     */
    public KvStats stats(long expirations) {
        long now = now();
        long[] counts = new long[3]; // total, expired, with TTL
        engine.forEachRaw((key, raw) -> {
            counts[0]++;
            if (StoreEngine.deadlineOf(raw) != StoreEngine.NO_DEADLINE) {
                counts[2]++;
                if (StoreEngine.isExpired(raw, now)) {
                    counts[1]++;
                }
            }
        });
        return new KvStats(counts[0], counts[0] - counts[1], counts[1], counts[2], hits.sum(), misses.sum(),
            expirations);
    }

    private @Nullable Object countedValue(@Nullable Object raw) {
        if (raw == null) {
            misses.increment();
            return null;
        }
        hits.increment();
        return Values.snapshot(StoreEngine.valueOf(raw));
    }

    private List<Map.Entry<String, Object>> sortedLiveEntries() {
        long now = now();
        List<Map.Entry<String, Object>> live = engine.readConsistently(() -> engine.liveEntries(now));
        live.sort(Map.Entry.comparingByKey());
        return live;
    }
}
