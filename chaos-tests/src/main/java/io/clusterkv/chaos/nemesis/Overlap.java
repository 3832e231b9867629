package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two faults at once: {@code outer} starts, and {@code delay} later {@code inner} runs while {@code outer} still
 * holds (a kill during a partition, say); the step ends when both have healed.
 *
 * @param outer the fault that starts first, run on a thread of its own
 * @param delay how long after {@code outer} starts {@code inner} starts
 * @param inner the fault injected during {@code outer}
 */
public record Overlap(Nemesis outer, Duration delay, Nemesis inner) implements Nemesis {

    /** @throws NullPointerException if a component is null */
    public Overlap {
        Objects.requireNonNull(outer, "outer cannot be null");
        Objects.requireNonNull(delay, "delay cannot be null");
        Objects.requireNonNull(inner, "inner cannot be null");
    }

    @Override
    public String description() {
        return outer.description() + "; " + delay.toSeconds() + " s into it, " + inner.description();
    }

    @Override
    public boolean needsNetworkLab() {
        return outer.needsNetworkLab() || inner.needsNetworkLab();
    }

    @Override
    public void run(NemesisContext context) {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> outer.run(context),
                command -> new Thread(command, "nemesis-outer").start());
        context.hold(delay);
        try {
            inner.run(context);
        } finally {
            try {
                first.join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw failed;
            }
        }
    }
}
