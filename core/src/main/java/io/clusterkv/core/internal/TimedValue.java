package io.clusterkv.core.internal;

/**
 * A stored value with a deadline. Keys without a TTL hold their value directly in the map, which saves this
 * object (24 bytes) on every entry that does not expire. Equality is identity on purpose: conditional map updates
 * must not mistake a new entry with the same content for the one they read.
 */
final class TimedValue {
    final Object value;
    final long deadline;

    TimedValue(Object value, long deadline) {
        this.value = value;
        this.deadline = deadline;
    }

    @Override
    public String toString() {
        return value + " (expires at " + deadline + ")";
    }
}
