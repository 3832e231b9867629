package io.clusterkv.core.internal;

import io.clusterkv.core.Errors;
import io.clusterkv.core.OverflowException;
import io.clusterkv.core.SetOptions.Condition;
import io.clusterkv.core.TimeSource;
import io.clusterkv.core.WrongTypeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * The data structure under every store: keys mapped to values with optional deadlines, and the operations of the
 * specification applied by a given clock. It has no clock of its own: the local store passes its time source, the
 * replicated state machine passes the time of the ordered command stream, so that every replica decides "is this
 * key expired?" the same way. The clock is read only when an entry has a deadline: a wall-clock read costs more
 * than the rest of a lookup (docs/benchmarks.md).
 *
 * Concurrency, and why:
 *
 * - The entries live in one ConcurrentHashMap. A key without a TTL maps straight to its value; a key with one maps
 *   to a TimedValue. Single-key reads are a plain map lookup: readers never take a lock and never block each other.
 * - Single-key writes are atomic per key through the map's own per-bin locking and compare-and-set loops
 *   (putIfAbsent/replace), so concurrent increments of one key are exact.
 * - Operations that span keys need more: mset must appear to happen at one instant, and a multi-key read (keys,
 *   values, dump, mget, size) must see one instant. A StampedLock gives that without a global lock on the hot path:
 *   single-key writers share its read side (they never exclude each other), while mset, clear and multi-key reads
 *   take its write side and so see, or make, a state no single-key writer is halfway through.
 * - Single-key readers do not touch the lock at all. They only have to avoid seeing half of an mset or clear, so
 *   those bulk writes also bump a sequence counter (odd while they run, a seqlock). A reader checks the counter
 *   before and after its lookup and, in the rare case a bulk write overlapped, repeats the lookup under the lock's
 *   read side, which waits for the bulk write to finish.
 *
 * Stored values are never mutated in place (an increment stores a new Long), so a reference read from the map may
 * be used after the lock is released, and a snapshot may copy references and serialize them later.
 */

/**
 * The concurrent map and the deterministic operations beneath {@code LocalKvStore} and the replicated store. Not
 * part of the public API: it takes already validated, already copied arguments.
 */
public final class StoreEngine {
    /** The deadline of a key that has no TTL. */
    public static final long NO_DEADLINE = 0L;

    /** Told about every change to an entry, after it is made (statistics, the cluster's state digest). */
    public interface ChangeListener {
        /**
         * @param key    the key changed
         * @param oldRaw the raw entry before, or null if there was none
         * @param newRaw the raw entry after, or null if the key was removed
         * @param clock  the time the change was made at; read it only if needed (an old entry with a deadline)
         */
        void onChange(String key, @Nullable Object oldRaw, @Nullable Object newRaw, TimeSource clock);

        /** Every entry was removed at once. */
        void onClear();
    }

    /**
     * The outcome of {@link #set}.
     *
     * @param applied  whether the value was stored
     * @param previous the live value the key held before, or null
     */
    public record SetResult(boolean applied, @Nullable Object previous) {
    }

    private static final ChangeListener NO_LISTENER = new ChangeListener() {
        @Override
        public void onChange(String key, @Nullable Object oldRaw, @Nullable Object newRaw, TimeSource clock) {
        }

        @Override
        public void onClear() {
        }
    };

    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
    private final StampedLock lock = new StampedLock();
    /** Odd while a bulk write runs; changes under the write lock only. */
    private volatile int bulkWrites;
    private final ChangeListener listener;

    /** Creates an engine that tells nobody about changes. */
    public StoreEngine() {
        this(NO_LISTENER);
    }

    /** @param listener told about every change */
    public StoreEngine(ChangeListener listener) {
        this.listener = listener;
    }

    // ---------------------------------------------------------------- raw entries

    /** @return the value held by a raw entry */
    public static Object valueOf(Object raw) {
        return raw instanceof TimedValue timed ? timed.value : raw;
    }

    /** @return the deadline of a raw entry, or {@link #NO_DEADLINE} */
    public static long deadlineOf(Object raw) {
        return raw instanceof TimedValue timed ? timed.deadline : NO_DEADLINE;
    }

    /** @return whether the raw entry is expired at {@code now}: a key is gone at its deadline */
    public static boolean isExpired(Object raw, long now) {
        return raw instanceof TimedValue timed && now >= timed.deadline;
    }

    /**
     * @return whether the raw entry is expired by the clock, reading the clock only for an entry with a deadline
     *     (reading a wall clock costs more than the rest of a lookup)
     */
    public static boolean isExpired(Object raw, TimeSource clock) {
        return raw instanceof TimedValue timed && clock.currentTimeMillis() >= timed.deadline;
    }

    /** @return a raw entry for the value and deadline */
    public static Object raw(Object value, long deadline) {
        return deadline == NO_DEADLINE ? value : new TimedValue(value, deadline);
    }

    // ---------------------------------------------------------------- reads

    /**
     * @return the raw entry of the key, expired or not, never part of a bulk write in progress
     */
    public @Nullable Object getRaw(String key) {
        int seq = bulkWrites;
        if ((seq & 1) == 0) {
            Object raw = map.get(key);
            if (bulkWrites == seq) {
                return raw;
            }
        }
        long stamp = lock.readLock();
        try {
            return map.get(key);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** @return the raw entry of the key if it is live by the clock, else null */
    public @Nullable Object getLiveRaw(String key, TimeSource clock) {
        Object raw = getRaw(key);
        return raw == null || isExpired(raw, clock) ? null : raw;
    }

    /**
     * Runs a multi-key read while no write is in progress, so it sees a single point in time.
     *
     * @return what the read returned
     */
    public <T> T readConsistently(Supplier<T> read) {
        long stamp = lock.writeLock();
        try {
            return read.get();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Visits every raw entry, expired ones included. Sees a single point in time only inside
     * {@link #readConsistently}; elsewhere (statistics) it is weakly consistent.
     */
    public void forEachRaw(BiConsumer<String, Object> visitor) {
        map.forEach(visitor);
    }

    /** @return the number of entries held, expired ones included */
    public long rawSize() {
        return map.mappingCount();
    }

    /**
     * @return an iterator over the entries that survives concurrent changes (weakly consistent), for the sweeper's
     *     incremental scan
     */
    public Iterator<Map.Entry<String, Object>> scanIterator() {
        return map.entrySet().iterator();
    }

    // ---------------------------------------------------------------- single-key writes

    /**
     * Stores a value with a deadline ({@link #NO_DEADLINE} for none).
     *
     * @return the raw entry replaced, expired or not, or null
     */
    public @Nullable Object put(String key, Object value, long deadline, TimeSource clock) {
        Object newRaw = raw(value, deadline);
        long stamp = lock.readLock();
        try {
            Object oldRaw = map.put(key, newRaw);
            listener.onChange(key, oldRaw, newRaw, clock);
            return oldRaw;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The general set of Redis: conditional, keeping or replacing the deadline, reporting the previous value.
     *
     * @param keepDeadline keep the deadline of a live previous entry instead of {@code deadline}
     * @return whether it was applied and the previous live value
     */
    public SetResult set(String key, Object value, long deadline, Condition condition, boolean keepDeadline,
                         TimeSource clock) {
        long stamp = lock.readLock();
        try {
            while (true) {
                Object oldRaw = map.get(key);
                boolean live = oldRaw != null && !isExpired(oldRaw, clock);
                Object previous = live ? valueOf(oldRaw) : null;
                if ((condition == Condition.IF_ABSENT && live) || (condition == Condition.IF_PRESENT && !live)) {
                    return new SetResult(false, previous);
                }
                Object newRaw = raw(value, keepDeadline && live ? deadlineOf(oldRaw) : deadline);
                if (swap(key, oldRaw, newRaw)) {
                    listener.onChange(key, oldRaw, newRaw, clock);
                    return new SetResult(true, previous);
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Removes a key.
     *
     * @return the raw entry removed, expired or not, or null if there was none
     */
    public @Nullable Object remove(String key, TimeSource clock) {
        long stamp = lock.readLock();
        try {
            Object oldRaw = map.remove(key);
            if (oldRaw != null) {
                listener.onChange(key, oldRaw, null, clock);
            }
            return oldRaw;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Removes a key only if it still holds exactly {@code expectedRaw} (the sweeper's removal).
     *
     * @return whether it was removed
     */
    public boolean removeIfSame(String key, Object expectedRaw, TimeSource clock) {
        long stamp = lock.readLock();
        try {
            boolean removed = map.remove(key, expectedRaw);
            if (removed) {
                listener.onChange(key, expectedRaw, null, clock);
            }
            return removed;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Removes a key if its deadline is at or before {@code upTo} (the replicated sweep's removal, decided by the
     * entry alone so that every replica removes the same keys).
     *
     * @return whether it was removed
     */
    public boolean removeIfExpired(String key, long upTo) {
        long stamp = lock.readLock();
        try {
            while (true) {
                Object raw = map.get(key);
                if (raw == null || !isExpired(raw, upTo)) {
                    return false;
                }
                if (map.remove(key, raw)) {
                    listener.onChange(key, raw, null, () -> upTo);
                    return true;
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Sets the deadline of a live key ({@link #NO_DEADLINE} removes it, as Redis PERSIST).
     *
     * @param onlyIfTimed change only a key that has a deadline now (PERSIST's rule)
     * @return whether the key was live (and, with {@code onlyIfTimed}, had a deadline) and was changed
     */
    public boolean setDeadline(String key, long deadline, boolean onlyIfTimed, TimeSource clock) {
        long stamp = lock.readLock();
        try {
            while (true) {
                Object oldRaw = map.get(key);
                if (oldRaw == null || isExpired(oldRaw, clock) || (onlyIfTimed && !(oldRaw instanceof TimedValue))) {
                    return false;
                }
                Object newRaw = raw(valueOf(oldRaw), deadline);
                if (map.replace(key, oldRaw, newRaw)) {
                    listener.onChange(key, oldRaw, newRaw, clock);
                    return true;
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Adds {@code delta} to an integer value, keeping its deadline; a missing or expired key starts from zero
     * with no deadline.
     *
     * @return the new value
     * @throws WrongTypeException if the value is not a Byte, Short, Integer or Long
     * @throws OverflowException if the sum does not fit in a long
     */
    public long addAndGet(String key, long delta, TimeSource clock) {
        long stamp = lock.readLock();
        try {
            while (true) {
                Object oldRaw = map.get(key);
                boolean live = oldRaw != null && !isExpired(oldRaw, clock);
                long current = live ? integerValue(valueOf(oldRaw)) : 0L;
                long next;
                try {
                    next = Math.addExact(current, delta);
                } catch (ArithmeticException overflow) {
                    throw new OverflowException();
                }
                Object newRaw = raw(next, live ? deadlineOf(oldRaw) : NO_DEADLINE);
                if (swap(key, oldRaw, newRaw)) {
                    listener.onChange(key, oldRaw, newRaw, clock);
                    return next;
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static long integerValue(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new WrongTypeException(Errors.NOT_AN_INTEGER);
    }

    /** Replaces {@code oldRaw} (null: nothing) by {@code newRaw} if the key still holds it. */
    private boolean swap(String key, @Nullable Object oldRaw, Object newRaw) {
        return oldRaw == null ? map.putIfAbsent(key, newRaw) == null : map.replace(key, oldRaw, newRaw);
    }

    // ---------------------------------------------------------------- bulk writes

    /** Stores every pair at one instant, each without a deadline. */
    public void putAll(Map<String, Object> pairs, TimeSource clock) {
        bulkWrite(() -> {
            for (Map.Entry<String, Object> pair : pairs.entrySet()) {
                Object oldRaw = map.put(pair.getKey(), pair.getValue());
                listener.onChange(pair.getKey(), oldRaw, pair.getValue(), clock);
            }
        });
    }

    /** Removes every entry at one instant. */
    public void clear() {
        bulkWrite(() -> {
            map.clear();
            listener.onClear();
        });
    }

    /** Puts raw entries as they were elsewhere (a state transfer), at one instant. */
    public void restore(List<String> keys, List<Object> values, long[] deadlines, TimeSource clock) {
        bulkWrite(() -> {
            for (int i = 0; i < keys.size(); i++) {
                Object newRaw = raw(values.get(i), deadlines[i]);
                Object oldRaw = map.put(keys.get(i), newRaw);
                listener.onChange(keys.get(i), oldRaw, newRaw, clock);
            }
        });
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField") // changed only under the write lock
    private void bulkWrite(Runnable write) {
        long stamp = lock.writeLock();
        try {
            bulkWrites++;
            try {
                write.run();
            } finally {
                bulkWrites++;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ---------------------------------------------------------------- helpers for multi-key reads

    /**
     * Collects the live entries as (key, raw), unordered; call inside {@link #readConsistently} for a single point
     * in time, and sort outside it.
     */
    public List<Map.Entry<String, Object>> liveEntries(long now) {
        List<Map.Entry<String, Object>> live = new ArrayList<>();
        map.forEach((key, raw) -> {
            if (!isExpired(raw, now)) {
                live.add(Map.entry(key, raw));
            }
        });
        return live;
    }
}
