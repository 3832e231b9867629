package io.clusterkv.core;

/**
 * The error texts of the specification, in one place, so the local store, the cluster and the endpoints say
 * exactly the same thing for the same mistake.
 */
public final class Errors {
    /** A null key (the specification's "invalid key type"). */
    public static final String KEY_NOT_STRING = "key must be a string";
    /** A TTL of zero or less in setTTL or expire. */
    public static final String TTL_NOT_POSITIVE = "TTL must be positive";
    /** An increment or decrement of a value that is not an integer. */
    public static final String NOT_AN_INTEGER = "existing value must be an integer";
    /** An increment or decrement whose result does not fit in a long. */
    public static final String OVERFLOW = "increment or decrement would overflow";
    /** A null value in set, setTTL or mset. */
    public static final String VALUE_NULL = "value must not be null";

    private Errors() {
    }
}
