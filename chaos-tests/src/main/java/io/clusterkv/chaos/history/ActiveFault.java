package io.clusterkv.chaos.history;

import org.jspecify.annotations.Nullable;

/**
 * A fault that has begun and not been healed yet, handed out by {@link FaultTimelineRecorder#begin}. End it exactly
 * once when the fault is healed. Its state is guarded by the recorder's lock.
 */
public final class ActiveFault {

    private final FaultTimelineRecorder recorder;
    private final String kind;
    private final String description;
    private final long startNanos;
    private @Nullable FaultWindow ended;

    ActiveFault(FaultTimelineRecorder recorder, String kind, String description, long startNanos) {
        this.recorder = recorder;
        this.kind = kind;
        this.description = description;
        this.startNanos = startNanos;
    }

    /**
     * Records that the fault is healed now.
     *
     * @return the fault's window
     * @throws IllegalStateException if it was ended already
     */
    public FaultWindow end() {
        return recorder.end(this);
    }

    FaultWindow endAt(long nanos) {
        if (ended != null) {
            throw new IllegalStateException("fault '" + kind + "' was already ended at "
                    + RunClock.format(ended.endNanos()));
        }
        ended = new FaultWindow(kind, description, startNanos, nanos, false);
        return ended;
    }

    FaultWindow windowAt(long nanos) {
        return ended != null ? ended : new FaultWindow(kind, description, startNanos, nanos, true);
    }
}
