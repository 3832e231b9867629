package io.clusterkv.chaos.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records the faults a nemesis injects, on the run's clock. Thread-safe: one lock guards the list and the clock
 * readings, as in {@link HistoryRecorder}.
 *
 * <pre>{@code
 * ActiveFault partition = faults.begin("partition {n1} | {n2,n3}", "links of n1 taken down");
 * ... // the fault lasts
 * partition.end();
 * }</pre>
 */
public final class FaultTimelineRecorder {

    private final RunClock clock;
    private final Object lock = new Object();
    private final List<ActiveFault> faults = new ArrayList<>();

    /**
     * @param clock the run's clock, shared with its {@link HistoryRecorder}
     * @throws NullPointerException if the clock is null
     */
    public FaultTimelineRecorder(RunClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    /**
     * Records that a fault begins now.
     *
     * @param kind        a short label for graphs, e.g. {@code pause n2}
     * @param description what exactly is done
     * @return the fault, to {@link ActiveFault#end() end} when it is healed
     * @throws NullPointerException if the kind or the description is null
     */
    public ActiveFault begin(String kind, String description) {
        Objects.requireNonNull(kind, "fault kind cannot be null");
        Objects.requireNonNull(description, "fault description cannot be null");
        synchronized (lock) {
            ActiveFault fault = new ActiveFault(this, kind, description, clock.nanosSinceStart());
            faults.add(fault);
            return fault;
        }
    }

    /**
     * Records an instantaneous event, such as a graceful leave.
     *
     * @return the window, starting and ending now
     * @throws NullPointerException if the kind or the description is null
     */
    public FaultWindow instant(String kind, String description) {
        return begin(kind, description).end();
    }

    /**
     * Takes the timeline so far; a fault not ended yet appears as {@link FaultWindow#active() active}, ending now.
     *
     * @return every fault begun so far, ordered by start time
     */
    public FaultTimeline timeline() {
        synchronized (lock) {
            long now = clock.nanosSinceStart();
            return new FaultTimeline(faults.stream().map(fault -> fault.windowAt(now)).toList());
        }
    }

    FaultWindow end(ActiveFault fault) {
        synchronized (lock) {
            return fault.endAt(clock.nanosSinceStart());
        }
    }
}
