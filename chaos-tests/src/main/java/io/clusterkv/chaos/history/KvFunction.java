package io.clusterkv.chaos.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The function a client called. Each documents the shape of an {@link Operation}'s keys, argument and result, which
 * the checkers rely on; {@link HistoryRecorder} has one method per function that builds exactly that shape.
 */
public enum KvFunction {

    /** One key; argument: the delta ({@code Long}); result: the counter's new value ({@code Long}). */
    INCREMENT("increment"),

    /** One key; no argument; result: the value read, {@code null} when the key is missing. */
    READ("read"),

    /** One key; argument: the value written; no result. */
    WRITE("write"),

    /**
     * One key; argument: {@code {"expected": e, "value": v}}; no result. A comparison that did not match is a
     * {@link CompletionType#FAIL}.
     */
    CAS("cas"),

    /** One key; no argument; result: {@code true} if a live value was removed. */
    DELETE("delete"),

    /** The keys of one group; argument: the map of key to value written; no result. */
    MSET("mset"),

    /** Several keys; no argument; result: the list of values in the order of the keys, {@code null} for missing. */
    MGET("mget"),

    /** One key; argument: {@code {"value": v, "ttlMillis": t}}; no result. */
    SET_TTL("set-ttl"),

    /**
     * One key; argument: the new time to live in milliseconds ({@code Long}); result: {@code true} if the key held
     * a live value (and now expires after the given time), {@code false} if it had none.
     */
    EXPIRE("expire"),

    /**
     * One key; no argument; result: the remaining time to live in milliseconds, {@code -1} for a key without TTL,
     * {@code null} for a missing key.
     */
    TTL_READ("ttl-read");

    private final String jsonName;

    KvFunction(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in JSON and reports, such as {@code set-ttl} */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /**
     * @param name a name returned by {@link #jsonName()}
     * @return the function of that name
     * @throws IllegalArgumentException if no function has that name
     */
    @JsonCreator
    public static KvFunction fromJsonName(String name) {
        for (KvFunction function : values()) {
            if (function.jsonName.equals(name)) {
                return function;
            }
        }
        throw new IllegalArgumentException("unknown function '" + name + "'");
    }
}
