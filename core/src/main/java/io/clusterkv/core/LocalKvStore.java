package io.clusterkv.core;

import io.clusterkv.core.internal.Arguments;
import io.clusterkv.core.internal.ExpiryScanner;
import io.clusterkv.core.internal.StoreEngine;
import io.clusterkv.core.internal.StoreReader;
import io.clusterkv.core.internal.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Thread safety without a global lock. The data lives in a StoreEngine (see its opening comment): readers of one
 * key never lock or block; writers of one key are atomic per key and never exclude each other; mset, clear and the
 * multi-key reads take the exclusive side of one StampedLock so each happens at a single instant. This class adds
 * what the engine leaves out: argument checks, copies that keep values snapshots, the time source, statistics
 * (LongAdders, so concurrent readers do not contend on one counter) and the background sweeper.
 *
 * Expiry is two-fold, as in Redis: every read compares the deadline with the time source, so an expired key is
 * invisible at once; and one sweeper thread removes expired keys nobody reads, a bounded batch per round, resuming
 * where the last round stopped, repeating at once while more than a quarter of a batch was expired.
 */

/**
 * A {@link KvStore} held in this process: thread-safe, TTL-aware, with a background sweeper that frees expired
 * keys nobody reads.
 *
 * <pre>{@code
 * try (KvStore kv = new LocalKvStore()) {
 *     kv.setTTL("session:42", Map.of("user", "ada"), 1800);
 *     long views = kv.increment("page:views");
 * }
 * }</pre>
 */
public final class LocalKvStore implements AsyncKvStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKvStore.class);

    private final TimeSource time;
    private final StoreEngine engine;
    private final StoreReader reader;
    private final LongAdder expirations = new LongAdder();
    private final @Nullable ScheduledExecutorService sweeper;
    private final ExpiryScanner scanner;
    private final int sweepBatch;
    private final long sweepBudgetNanos;

    /** Creates a store on the system clock, sweeping expired keys every 100 ms. */
    public LocalKvStore() {
        this(builder());
    }

    private LocalKvStore(Builder builder) {
        this.time = builder.time;
        this.engine = new StoreEngine(new ExpirationCounter());
        this.reader = new StoreReader(engine, time);
        this.scanner = new ExpiryScanner(engine);
        this.sweepBatch = builder.sweepBatch;
        this.sweepBudgetNanos = builder.sweepBudget.toNanos();
        if (builder.sweepInterval.isZero()) {
            this.sweeper = null;
        } else {
            this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "clusterkv-expiry-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            long periodMillis = builder.sweepInterval.toMillis();
            sweeper.scheduleWithFixedDelay(this::sweepSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** @return a builder for a store with another time source or sweeper settings */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- basic operations

    @Override
    public boolean set(String key, Object value) {
        Arguments.requireKey(key);
        Object copy = Values.snapshot(Arguments.requireValue(value));
        engine.put(key, copy, StoreEngine.NO_DEADLINE, time);
        return true;
    }

    @Override
    public @Nullable Object get(String key) {
        return reader.get(key);
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
        return reader.get(key, type);
    }

    @Override
    public boolean delete(String key) {
        Object removed = engine.remove(Arguments.requireKey(key), time);
        return removed != null && !StoreEngine.isExpired(removed, time);
    }

    @Override
    public boolean exists(String key) {
        return reader.exists(key);
    }

    @Override
    public boolean clear() {
        engine.clear();
        return true;
    }

    // ---------------------------------------------------------------- store information

    @Override
    public List<String> keys() {
        return reader.keys();
    }

    @Override
    public List<Object> values() {
        return reader.values();
    }

    @Override
    public long size() {
        return reader.size();
    }

    @Override
    public boolean isEmpty() {
        return reader.size() == 0;
    }

    // ---------------------------------------------------------------- TTL operations

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
        Object copy = Values.snapshot(Arguments.requireValue(value));
        long now = time.currentTimeMillis();
        engine.put(key, copy, now + ttlMillis, () -> now); // the time already read: a second read costs ~25 ns
        return true;
    }

    @Override
    public @Nullable Long getTTL(String key) {
        return reader.getTTL(key);
    }

    @Override
    public @Nullable Long getTTLMillis(String key) {
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
        long now = time.currentTimeMillis();
        return engine.setDeadline(key, now + ttlMillis, false, () -> now);
    }

    // ---------------------------------------------------------------- bulk operations

    @Override
    public List<@Nullable Object> mget(List<String> keys) {
        return reader.mget(keys);
    }

    @Override
    public boolean mset(Map<String, ?> pairs) {
        Arguments.requirePairs(pairs);
        Map<String, Object> copies = new LinkedHashMap<>();
        for (Map.Entry<String, ?> pair : pairs.entrySet()) {
            copies.put(pair.getKey(), Values.snapshot(pair.getValue()));
        }
        engine.putAll(copies, time);
        return true;
    }

    // ---------------------------------------------------------------- atomic operations

    @Override
    public long increment(String key, long delta) {
        return engine.addAndGet(Arguments.requireKey(key), delta, time);
    }

    @Override
    public long decrement(String key, long delta) {
        Arguments.requireKey(key);
        if (delta == Long.MIN_VALUE) {
            throw new OverflowException();
        }
        return engine.addAndGet(key, -delta, time);
    }

    // ---------------------------------------------------------------- utility functions

    @Override
    public Map<String, Object> dump() {
        return reader.dump();
    }

    @Override
    public KvStats stats() {
        return reader.stats(expirations.sum());
    }

    // ---------------------------------------------------------------- Redis commands

    @Override
    public SetOutcome set(String key, Object value, SetOptions options) {
        Arguments.requireKey(key);
        Objects.requireNonNull(options, "options must not be null");
        Object copy = Values.snapshot(Arguments.requireValue(value));
        long now = time.currentTimeMillis();
        long ttlMillis = options.ttlMillis();
        StoreEngine.SetResult result = engine.set(key, copy, ttlMillis == 0 ? StoreEngine.NO_DEADLINE : now + ttlMillis,
            options.condition(), options.keepTtl(), time);
        Object previous = result.previous();
        return new SetOutcome(result.applied(), previous == null ? null : Values.snapshot(previous));
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        Object removed = engine.remove(Arguments.requireKey(key), time);
        return removed == null || StoreEngine.isExpired(removed, time) ? null : StoreEngine.valueOf(removed);
    }

    @Override
    public boolean persist(String key) {
        Arguments.requireKey(key);
        return engine.setDeadline(key, StoreEngine.NO_DEADLINE, true, time);
    }

    // ---------------------------------------------------------------- non-blocking writes (already done on return)

    @Override
    public CompletableFuture<@Nullable Object> getLinearizable(String key) {
        return completed(() -> get(key)); // one process: every read is ordered with the writes
    }

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value) {
        return completed(() -> set(key, value));
    }

    @Override
    public CompletableFuture<SetOutcome> setAsync(String key, Object value, SetOptions options) {
        return completed(() -> set(key, value, options));
    }

    @Override
    public CompletableFuture<Boolean> setTTLAsync(String key, Object value, Duration ttl) {
        return completed(() -> setTTL(key, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return completed(() -> delete(key));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return completed(() -> getAndDelete(key));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, Duration ttl) {
        return completed(() -> expire(key, ttl));
    }

    @Override
    public CompletableFuture<Boolean> persistAsync(String key) {
        return completed(() -> persist(key));
    }

    @Override
    public CompletableFuture<Long> incrementAsync(String key, long delta) {
        return completed(() -> increment(key, delta));
    }

    @Override
    public CompletableFuture<Long> decrementAsync(String key, long delta) {
        return completed(() -> decrement(key, delta));
    }

    @Override
    public CompletableFuture<Boolean> msetAsync(Map<String, ?> pairs) {
        return completed(() -> mset(pairs));
    }

    @Override
    public CompletableFuture<Boolean> clearAsync() {
        return completed(this::clear);
    }

    /** Argument errors throw, as in the blocking methods; errors of the operation itself fail the future. */
    private static <T> CompletableFuture<T> completed(Supplier<T> write) {
        try {
            return CompletableFuture.completedFuture(write.get());
        } catch (InvalidArgumentException invalid) {
            throw invalid;
        } catch (KvException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- internals

    /**
     * Removes expired keys until a round finds few of them or the time budget is spent.
     *
     * @return how many keys were removed
     */
    int sweepExpired() {
        long started = System.nanoTime();
        long now = time.currentTimeMillis();
        TimeSource sweepTime = () -> now;
        int[] removed = new int[1];
        ExpiryScanner.Round round;
        do {
            round = scanner.scan(sweepBatch, now, (key, raw) -> {
                if (engine.removeIfSame(key, raw, sweepTime)) {
                    removed[0]++;
                }
            });
        } while (round.worthRepeating() && System.nanoTime() - started < sweepBudgetNanos);
        return removed[0];
    }

    private void sweepSafely() {
        try {
            sweepExpired();
        } catch (RuntimeException unexpected) {
            // A failed round must not cancel the schedule: the next round retries.
            LOG.error("expiry sweep failed; retrying next round", unexpected);
        }
    }

    /** Counts keys that leave the store, or are overwritten, after their deadline. */
    private final class ExpirationCounter implements StoreEngine.ChangeListener {
        @Override
        public void onChange(String key, @Nullable Object oldRaw, @Nullable Object newRaw, TimeSource clock) {
            if (oldRaw != null && StoreEngine.isExpired(oldRaw, clock)) {
                expirations.increment();
            }
        }

        @Override
        public void onClear() {
        }
    }

    /** Settings of a {@link LocalKvStore}. */
    public static final class Builder {
        private TimeSource time = TimeSource.system();
        private Duration sweepInterval = Duration.ofMillis(100);
        private int sweepBatch = 500;
        private Duration sweepBudget = Duration.ofMillis(5);

        private Builder() {
        }

        /**
         * @param time where the store reads the time (default: the system clock)
         * @return this builder
         */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time source must not be null");
            return this;
        }

        /**
         * @param interval how long the sweeper waits between rounds (default 100 ms); zero turns it off
         * @return this builder
         */
        public Builder sweepInterval(Duration interval) {
            Objects.requireNonNull(interval, "sweep interval must not be null");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("sweep interval must not be negative: " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /**
         * @param entries how many entries one sweep batch looks at (default 500)
         * @return this builder
         */
        public Builder sweepBatch(int entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("sweep batch must be positive: " + entries);
            }
            this.sweepBatch = entries;
            return this;
        }

        /**
         * @param budget how long one round may keep repeating batches (default 5 ms)
         * @return this builder
         */
        public Builder sweepBudget(Duration budget) {
            Objects.requireNonNull(budget, "sweep budget must not be null");
            this.sweepBudget = budget;
            return this;
        }

        /** @return a new store with these settings; close it to stop its sweeper */
        public LocalKvStore build() {
            return new LocalKvStore(this);
        }
    }
}
