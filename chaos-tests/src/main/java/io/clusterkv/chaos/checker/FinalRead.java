package io.clusterkv.chaos.checker;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A counter's value read after the run: faults healed, writes stopped, replicas converged.
 *
 * @param node  the node read
 * @param key   the counter's key
 * @param value the value read; {@code null} when the key is missing (a counter never incremented reads as 0)
 */
public record FinalRead(String node, String key, @Nullable Long value) {

    /** @throws NullPointerException if the node or the key is null */
    public FinalRead {
        Objects.requireNonNull(node, "node cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
    }

    /** @return the value, 0 for a missing key */
    public long valueOrZero() {
        return value == null ? 0 : value;
    }
}
