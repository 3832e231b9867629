package io.clusterkv.core.internal;

import io.clusterkv.core.Errors;
import io.clusterkv.core.InvalidArgumentException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks of the arguments a store accepts, shared by the local store, the cluster node and the endpoints so that
 * each mistake gets the same message everywhere.
 */
public final class Arguments {
    /** The longest TTL accepted: about 292 thousand years, far below the point where a deadline overflows. */
    public static final long MAX_TTL_MILLIS = Long.MAX_VALUE / 1000;

    private Arguments() {
    }

    /**
     * @return the key, checked
     * @throws InvalidArgumentException if it is null
     */
    public static String requireKey(@Nullable String key) {
        if (key == null) {
            throw new InvalidArgumentException(Errors.KEY_NOT_STRING);
        }
        return key;
    }

    /**
     * @return the value, checked
     * @throws InvalidArgumentException if it is null
     */
    public static Object requireValue(@Nullable Object value) {
        if (value == null) {
            throw new InvalidArgumentException(Errors.VALUE_NULL);
        }
        return value;
    }

    /**
     * @return the keys, each checked
     * @throws InvalidArgumentException if the collection or one of its keys is null
     */
    public static <C extends Collection<String>> C requireKeys(@Nullable C keys) {
        if (keys == null) {
            throw new InvalidArgumentException("keys must not be null");
        }
        for (String key : keys) {
            requireKey(key);
        }
        return keys;
    }

    /**
     * @return the pairs, each key and value checked
     * @throws InvalidArgumentException if the map, one of its keys or one of its values is null
     */
    public static <M extends Map<String, ?>> M requirePairs(@Nullable M pairs) {
        if (pairs == null) {
            throw new InvalidArgumentException("pairs must not be null");
        }
        for (Map.Entry<String, ?> pair : pairs.entrySet()) {
            requireKey(pair.getKey());
            requireValue(pair.getValue());
        }
        return pairs;
    }

    /**
     * @return the TTL in milliseconds
     * @throws InvalidArgumentException if the TTL is not positive or longer than {@link #MAX_TTL_MILLIS}
     */
    public static long ttlMillis(long ttlSeconds) {
        if (ttlSeconds <= 0) {
            throw new InvalidArgumentException(Errors.TTL_NOT_POSITIVE);
        }
        if (ttlSeconds > MAX_TTL_MILLIS / 1000) {
            throw tooLarge(ttlSeconds + " s");
        }
        return ttlSeconds * 1000;
    }

    /**
     * @return the TTL in milliseconds, a positive TTL under one millisecond counting as one
     * @throws InvalidArgumentException if the TTL is null, not positive or longer than {@link #MAX_TTL_MILLIS}
     */
    public static long ttlMillis(@Nullable Duration ttl) {
        if (ttl == null) {
            throw new InvalidArgumentException("TTL must not be null");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new InvalidArgumentException(Errors.TTL_NOT_POSITIVE);
        }
        if (ttl.compareTo(Duration.ofMillis(MAX_TTL_MILLIS)) > 0) {
            throw tooLarge(ttl.toString());
        }
        return Math.max(1, ttl.toMillis());
    }

    /**
     * @return the TTL in milliseconds, for endpoints that take it in milliseconds (Redis PEXPIRE, PX)
     * @throws InvalidArgumentException if the TTL is not positive or longer than {@link #MAX_TTL_MILLIS}
     */
    public static long ttlFromMillis(long ttlMillis) {
        if (ttlMillis <= 0) {
            throw new InvalidArgumentException(Errors.TTL_NOT_POSITIVE);
        }
        if (ttlMillis > MAX_TTL_MILLIS) {
            throw tooLarge(ttlMillis + " ms");
        }
        return ttlMillis;
    }

    private static InvalidArgumentException tooLarge(String ttl) {
        return new InvalidArgumentException("TTL " + ttl + " is too large: at most " + MAX_TTL_MILLIS / 1000 + " s");
    }
}
