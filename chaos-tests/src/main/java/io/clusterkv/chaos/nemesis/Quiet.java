package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.Objects;

/**
 * No fault for a while: the workloads run on a whole cluster, so the graph shows the steady state before the
 * first fault and the recovery after each.
 *
 * @param duration how long
 */
public record Quiet(Duration duration) implements Nemesis {

    /** @throws NullPointerException if the duration is null */
    public Quiet {
        Objects.requireNonNull(duration, "duration cannot be null");
    }

    @Override
    public String description() {
        return "no fault for " + duration.toSeconds() + " s";
    }

    @Override
    public boolean injectsFault() {
        return false;
    }

    @Override
    public void run(NemesisContext context) {
        context.hold(duration);
    }
}
