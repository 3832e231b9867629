package io.clusterkv.core;

import io.clusterkv.core.internal.Arguments;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link KvStore#set(String, Object, SetOptions)} stores a value: Redis SET's options (NX, XX, EX/PX, KEEPTTL,
 * GET) as an immutable value.
 *
 * @param condition    when to store
 * @param ttl          the time to live, or null for none (ignored when {@code keepTtl})
 * @param keepTtl      keep the TTL the key already has (Redis KEEPTTL)
 */
public record SetOptions(Condition condition, @Nullable Duration ttl, boolean keepTtl) {

    /** When a conditional set stores its value. */
    public enum Condition {
        /** Always (plain SET). */
        ALWAYS,
        /** Only if the key is missing or expired (NX). */
        IF_ABSENT,
        /** Only if the key holds a live value (XX). */
        IF_PRESENT
    }

    /** Plain set: always, without TTL. */
    public static final SetOptions PLAIN = new SetOptions(Condition.ALWAYS, null, false);

    /**
     * @throws NullPointerException if the condition is null
     * @throws InvalidArgumentException if the TTL is not positive, or is combined with {@code keepTtl}
     */
    public SetOptions {
        Objects.requireNonNull(condition, "condition must not be null");
        if (ttl != null) {
            Arguments.ttlMillis(ttl);
            if (keepTtl) {
                throw new InvalidArgumentException("a TTL and keepTtl cannot be combined");
            }
        }
    }

    /** @return these options with a TTL */
    public SetOptions withTtl(Duration newTtl) {
        return new SetOptions(condition, newTtl, false);
    }

    /** @return these options with a condition */
    public SetOptions when(Condition newCondition) {
        return new SetOptions(newCondition, ttl, keepTtl);
    }

    /** @return these options keeping the key's TTL */
    public SetOptions keepingTtl() {
        return new SetOptions(condition, null, true);
    }

    /** @return the TTL in milliseconds, or 0 for none */
    public long ttlMillis() {
        return ttl == null ? 0 : Arguments.ttlMillis(ttl);
    }
}
