package io.clusterkv.chaos.history;

import java.util.Objects;

/**
 * A fault the nemesis injected, from the moment it began to the moment it was healed: a killed node until its
 * restart, a partition until the links came back, a paused process until SIGCONT. An instantaneous event (a
 * graceful leave, a single kill that is never healed on purpose) starts and ends at the same time.
 *
 * @param kind        a short label shown on graphs, e.g. {@code kill -9 n1}, {@code partition {n1} | {n2,n3}},
 *                    {@code pause n2}
 * @param description what exactly was done, for the report
 * @param startNanos  when it began, in nanoseconds since the run started
 * @param endNanos    when it ended; for a fault still active when the timeline was taken, that time
 * @param active      {@code true} if it had not ended when the timeline was taken
 */
public record FaultWindow(String kind, String description, long startNanos, long endNanos, boolean active) {

    /**
     * @throws NullPointerException     if the kind or the description is null
     * @throws IllegalArgumentException if it ends before it starts
     */
    public FaultWindow {
        Objects.requireNonNull(kind, "fault kind cannot be null");
        Objects.requireNonNull(description, "fault description cannot be null");
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("fault '" + kind + "' ends at " + endNanos
                    + " ns, before it starts at " + startNanos + " ns");
        }
    }

    /** @return whether an operation's interval overlaps this window */
    public boolean overlaps(long fromNanos, long toNanos) {
        return fromNanos <= endNanos && toNanos >= startNanos;
    }
}
