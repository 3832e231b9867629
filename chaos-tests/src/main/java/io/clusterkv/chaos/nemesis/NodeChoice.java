package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Which node a step acts on, chosen when the step runs: a random member, the coordinator (as the members report
 * it in {@code /cluster}), a member that is not the coordinator, or a named node.
 *
 * @param description how the node is chosen, for reports
 * @param chooser     picks the node
 */
public record NodeChoice(String description, Function<NemesisContext, String> chooser) {
    private static final Duration SEQUENCING_TIMEOUT = Duration.ofSeconds(15);

    /** @throws NullPointerException if a component is null */
    public NodeChoice {
        Objects.requireNonNull(description, "description cannot be null");
        Objects.requireNonNull(chooser, "chooser cannot be null");
    }

    /** @return a random running member */
    public static NodeChoice any() {
        return new NodeChoice("a random node", context -> pick(context, context.cluster().running()));
    }

    /** @return the coordinator */
    public static NodeChoice coordinator() {
        return new NodeChoice("the coordinator", NodeChoice::coordinatorOf);
    }

    /** @return a random running member that is not the coordinator */
    public static NodeChoice notCoordinator() {
        return new NodeChoice("a random node that is not the coordinator", context -> {
            String coordinator = coordinatorOf(context);
            return pick(context, context.cluster().running().stream().filter(n -> !n.equals(coordinator)).toList());
        });
    }

    /**
     * @return the coordinator, chosen at a moment it is ordering writes: its applied index has just grown and
     *         clients have requests in flight
     */
    public static NodeChoice coordinatorWhileSequencing() {
        return new NodeChoice("the coordinator while it sequences writes", context -> {
            String coordinator = coordinatorOf(context);
            AtomicLong lastIndex = new AtomicLong(context.cluster().appliedIndex(coordinator));
            context.cluster().awaitOrExplain(coordinator + " sequencing writes with requests in flight",
                    SEQUENCING_TIMEOUT, () -> {
                        long index = context.cluster().appliedIndex(coordinator);
                        boolean advanced = index > lastIndex.getAndSet(index);
                        return advanced && context.history().pendingCount() > 0;
                    });
            return coordinator;
        });
    }

    /** @return the given node */
    public static NodeChoice named(String node) {
        Objects.requireNonNull(node, "node cannot be null");
        return new NodeChoice(node, context -> node);
    }

    /** @return the chosen node's name */
    public String choose(NemesisContext context) {
        return chooser.apply(context);
    }

    @Override
    public String toString() {
        return description;
    }

    private static String coordinatorOf(NemesisContext context) {
        return context.cluster().coordinator().orElseThrow(() -> new RecoveryTimeoutException(
                "no running member names a coordinator\n" + context.cluster().describeMembers()));
    }

    private static String pick(NemesisContext context, List<String> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalStateException("no node to choose from; members:\n"
                    + context.cluster().describeMembers());
        }
        synchronized (context.random()) {
            return nodes.get(context.random().nextInt(nodes.size()));
        }
    }
}
