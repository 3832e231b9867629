package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * SIGSTOP of a node for longer than failure detection, then SIGCONT: a long GC pause or a stopped VM. The pause
 * lasts {@code duration}, and in any case until every other member has excluded the node from its view, so the
 * node always comes back to a cluster that has moved on without it: it must rejoin and catch up, not bring its old
 * state back. The fault window runs from SIGSTOP to SIGCONT.
 *
 * @param target   which node
 * @param duration the shortest pause
 */
public record PauseNemesis(NodeChoice target, Duration duration) implements Nemesis {
    /** Failure detection (FD_ALL3 6 s, VERIFY_SUSPECT 1 s) under load, with room to spare. */
    private static final Duration EXCLUSION_TIMEOUT = Duration.ofSeconds(45);

    /** @throws NullPointerException if a component is null */
    public PauseNemesis {
        Objects.requireNonNull(target, "target cannot be null");
        Objects.requireNonNull(duration, "duration cannot be null");
    }

    @Override
    public String description() {
        return "SIGSTOP " + target.description() + " for " + duration.toSeconds()
                + " s (at least until the others exclude it), then SIGCONT";
    }

    @Override
    public void run(NemesisContext context) {
        String node = target.choose(context);
        ChaosCluster cluster = context.cluster();
        var fault = context.faults().begin("pause " + node, "SIGSTOP of " + node + " (" + target.description()
                + ") for " + duration.toSeconds() + " s and until the others excluded it, then SIGCONT");
        long stopped = context.now();
        cluster.pause(node);
        try {
            List<String> others = cluster.running().stream().filter(other -> !other.equals(node)).toList();
            cluster.awaitOrExplain("every other member excluding paused " + node, EXCLUSION_TIMEOUT,
                    () -> others.stream().allMatch(other -> {
                        var seen = cluster.membersSeenBy(other);
                        return !seen.isEmpty() && !seen.contains(node);
                    }));
            context.note(node + " paused: excluded by " + others + " "
                    + NemesisContext.seconds(context.now() - stopped) + " after SIGSTOP");
            context.holdUntil(stopped + duration.toNanos());
        } finally {
            cluster.resume(node);
            fault.end();
        }
    }
}
