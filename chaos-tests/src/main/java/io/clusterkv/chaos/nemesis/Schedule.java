package io.clusterkv.chaos.nemesis;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The faults of a run, in order. {@link #run} performs each step on the calling thread and, after each step that
 * injected a fault, waits until the cluster is whole again (every member up, ready, with quorum, seeing exactly
 * the members), noting how long that took.
 */
public final class Schedule {
    private final List<Nemesis> steps;

    private Schedule(List<Nemesis> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @param steps the steps, in order
     * @return the schedule
     * @throws IllegalArgumentException if there is no step
     */
    public static Schedule of(Nemesis... steps) {
        Objects.requireNonNull(steps, "steps cannot be null");
        if (steps.length == 0) {
            throw new IllegalArgumentException("a schedule needs at least one step");
        }
        return new Schedule(List.of(steps));
    }

    /** @return the steps, in order */
    public List<Nemesis> steps() {
        return steps;
    }

    /** @return whether a step cuts the network */
    public boolean needsNetworkLab() {
        return steps.stream().anyMatch(Nemesis::needsNetworkLab);
    }

    /** @return the steps' descriptions, separated by semicolons */
    public String description() {
        return steps.stream().map(Nemesis::description).collect(Collectors.joining("; "));
    }

    /**
     * Runs every step in order, each followed (if it injected a fault) by a wait until the cluster is whole.
     *
     * @throws RecoveryTimeoutException if the cluster is not whole again in time after a step
     */
    public void run(NemesisContext context) {
        for (Nemesis step : steps) {
            step.run(context);
            if (step.injectsFault()) {
                long healed = context.now();
                context.cluster().awaitHealthy(context.recoveryTimeout());
                context.note("whole again " + NemesisContext.seconds(context.now() - healed) + " after: "
                        + step.description());
            }
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
