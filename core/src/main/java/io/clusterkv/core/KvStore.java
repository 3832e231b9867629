package io.clusterkv.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store with per-key time-to-live, atomic counters and bulk operations: the KV module of the
 * specification. {@link LocalKvStore} holds the data in this process; the cluster module's node implements the
 * same interface over a replicated store, with the same results and the same errors.
 *
 * <p>Keys are non-null strings. Values are non-null and may be strings, integer and floating-point numbers,
 * booleans, {@code byte[]}, lists and maps nested freely, and user classes. A stored value is a snapshot: changing
 * an object after passing it to the store, or an object the store returned, never changes what the store holds.
 *
 * <p>A key whose TTL has run out is invisible to every read at once, whether or not it has been removed yet. A key
 * lives for exactly its TTL: it is gone at the deadline, not after it.
 *
 * <p>Multi-key reads ({@link #keys()}, {@link #values()}, {@link #dump()}, {@link #mget(List)}) return keys in
 * ascending order and see a single point in time, so they never show part of an {@link #mset(Map)}.
 */
public interface KvStore extends AutoCloseable {

    /**
     * Stores a value under a key, replacing any previous value and removing any TTL the key had (as Redis SET).
     *
     * @return {@code true}
     * @throws InvalidArgumentException if the key or the value is null
     */
    boolean set(String key, Object value);

    /**
     * @return the value stored under the key, or {@code null} if there is none or it has expired
     * @throws InvalidArgumentException if the key is null
     */
    @Nullable Object get(String key);

    /**
     * Typed read. An integer stored as {@code Byte}, {@code Short} or {@code Integer} is widened when {@code Long}
     * is asked for, so a counter set to {@code 42} reads as {@code 42L}.
     *
     * @return the value, or {@code null} if there is none or it has expired
     * @throws InvalidArgumentException if the key or the type is null
     * @throws WrongTypeException if the value is not an instance of {@code type}
     */
    <T> @Nullable T get(String key, Class<T> type);

    /**
     * @return {@code true} if the key held a live value and it was removed
     * @throws InvalidArgumentException if the key is null
     */
    boolean delete(String key);

    /**
     * @return {@code true} if the key holds a value that has not expired
     * @throws InvalidArgumentException if the key is null
     */
    boolean exists(String key);

    /**
     * Removes every key.
     *
     * @return {@code true}
     */
    boolean clear();

    /** @return every live key, in ascending order */
    List<String> keys();

    /** @return the value of every live key, in the ascending order of their keys */
    List<Object> values();

    /** @return the number of live keys */
    long size();

    /** @return {@code true} if no key is live */
    boolean isEmpty();

    /**
     * Stores a value that expires after {@code ttlSeconds}.
     *
     * @return {@code true}
     * @throws InvalidArgumentException if the key or value is null, or the TTL is not positive or too large
     */
    boolean setTTL(String key, Object value, long ttlSeconds);

    /**
     * Stores a value that expires after {@code ttl} (millisecond precision; a positive TTL under one millisecond
     * counts as one millisecond).
     *
     * @return {@code true}
     * @throws InvalidArgumentException if an argument is null, or the TTL is not positive or too large
     */
    boolean setTTL(String key, Object value, Duration ttl);

    /**
     * @return the remaining time to live in seconds, rounded to the nearest second (a key just set with 300 s
     *     reports 300); {@code -1} if the key has no TTL; {@code null} if the key is missing or expired
     * @throws InvalidArgumentException if the key is null
     */
    @Nullable Long getTTL(String key);

    /**
     * @return the remaining time to live in milliseconds; {@code -1} if the key has no TTL; {@code null} if the key
     *     is missing or expired
     * @throws InvalidArgumentException if the key is null
     */
    @Nullable Long getTTLMillis(String key);

    /**
     * Sets or replaces the TTL of an existing key.
     *
     * @return {@code true} if the key exists and its TTL was set, {@code false} if it is missing or expired
     * @throws InvalidArgumentException if the key is null, or the TTL is not positive or too large
     */
    boolean expire(String key, long ttlSeconds);

    /**
     * Sets or replaces the TTL of an existing key (millisecond precision).
     *
     * @return {@code true} if the key exists and its TTL was set, {@code false} if it is missing or expired
     * @throws InvalidArgumentException if an argument is null, or the TTL is not positive or too large
     */
    boolean expire(String key, Duration ttl);

    /**
     * @return the values of the keys, in the same order, with {@code null} for a missing or expired key
     * @throws InvalidArgumentException if the list or one of its keys is null
     */
    List<@Nullable Object> mget(List<String> keys);

    /**
     * Stores every pair at once, removing any TTL the keys had. Either all pairs are stored or, if one pair is
     * invalid, none is; no reader ever sees part of the call.
     *
     * @return {@code true}
     * @throws InvalidArgumentException if the map, one of its keys or one of its values is null
     */
    boolean mset(Map<String, ?> pairs);

    /**
     * Adds one to an integer value, creating the key with 1 if it is missing. Keeps the key's TTL.
     *
     * @return the new value
     * @throws InvalidArgumentException if the key is null
     * @throws WrongTypeException if the value is not an integer
     * @throws OverflowException if the result would not fit in a long
     */
    default long increment(String key) {
        return increment(key, 1);
    }

    /**
     * Adds {@code delta} to an integer value ({@code Byte}, {@code Short}, {@code Integer} or {@code Long}),
     * stores the result as a {@code long} and keeps the key's TTL; creates the key with {@code delta} if it is
     * missing or expired.
     *
     * @return the new value
     * @throws InvalidArgumentException if the key is null
     * @throws WrongTypeException if the value is not an integer
     * @throws OverflowException if the result would not fit in a long
     */
    long increment(String key, long delta);

    /**
     * Subtracts one; see {@link #decrement(String, long)}.
     *
     * @return the new value
     */
    default long decrement(String key) {
        return decrement(key, 1);
    }

    /**
     * Subtracts {@code delta} from an integer value, creating the key with {@code -delta} if it is missing.
     *
     * @return the new value
     * @throws InvalidArgumentException if the key is null
     * @throws WrongTypeException if the value is not an integer
     * @throws OverflowException if the result would not fit in a long (also for {@code delta == Long.MIN_VALUE})
     */
    long decrement(String key, long delta);

    /** @return every live key and its value, in ascending key order */
    Map<String, Object> dump();

    // ------------------------------------------------------------------ beyond the specification (Redis commands)

    /**
     * Redis SET with its options: store only if absent or present, with a TTL or keeping the key's TTL, and
     * report the value it replaced.
     *
     * @return whether the value was stored, and the live value the key held before
     * @throws InvalidArgumentException if an argument is null
     */
    SetOutcome set(String key, Object value, SetOptions options);

    /**
     * Removes a key and returns its value (Redis GETDEL).
     *
     * @return the live value removed, or null if there was none
     * @throws InvalidArgumentException if the key is null
     */
    @Nullable Object getAndDelete(String key);

    /**
     * Removes the TTL of a key (Redis PERSIST).
     *
     * @return {@code true} if the key is live and had a TTL
     * @throws InvalidArgumentException if the key is null
     */
    boolean persist(String key);

    /** @return statistics of the store */
    KvStats stats();

    /** Releases the store's resources (its sweeper thread; for a cluster node, leaves the cluster). */
    @Override
    void close();
}
