package io.clusterkv.chaos.nemesis;

import io.clusterkv.chaos.net.NetworkLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A network partition between node processes, made in the run's {@link NetworkLab}: frames between sides are
 * dropped silently, as by a split switch, while the test still reaches every node. The links come back after
 * {@code duration}. The step notes how long the members took to see the split (failure detection), waits after
 * the heal until the parts have merged back into one view, and records the {@link Split} for the checkers. The
 * fault window runs from the cut to the heal.
 *
 * @param shape    how the members are cut
 * @param duration how long the cut lasts
 */
public record PartitionNemesis(PartitionShape shape, Duration duration) implements Nemesis {

    /** @throws NullPointerException if a component is null */
    public PartitionNemesis {
        Objects.requireNonNull(shape, "shape cannot be null");
        Objects.requireNonNull(duration, "duration cannot be null");
    }

    @Override
    public String description() {
        return "partition: " + shape.description() + " for " + duration.toSeconds() + " s";
    }

    @Override
    public boolean needsNetworkLab() {
        return true;
    }

    @Override
    public void run(NemesisContext context) {
        NetworkLab lab = context.lab();
        List<Set<String>> sides = shape.sidesFor(context);
        String cut = PartitionShape.render(sides);
        var fault = context.faults().begin("partition " + cut, shape.description() + ": data links cut into "
                + cut + " for " + duration.toSeconds() + " s");
        long cutAt = context.now();
        lab.partition(withIdleNamespaces(lab, sides));
        Long viewsSplitAt = null;
        long healedAt;
        try {
            viewsSplitAt = awaitViewsSplit(context, sides, cutAt);
            context.holdUntil(cutAt + duration.toNanos());
        } finally {
            lab.heal();
            fault.end();
            healedAt = context.now();
        }
        Long mergedAt = null;
        try {
            context.cluster().awaitHealthy(context.recoveryTimeout());
            mergedAt = context.now();
        } finally {
            context.recordSplit(new Split(sides, cutAt, viewsSplitAt, healedAt, mergedAt));
        }
    }

    /** @return when every member saw exactly its side, or null if not before the cut's end */
    private Long awaitViewsSplit(NemesisContext context, List<Set<String>> sides, long cutAt) {
        ChaosCluster cluster = context.cluster();
        Duration left = Duration.ofNanos(Math.max(0, cutAt + duration.toNanos() - context.now()));
        try {
            cluster.awaitOrExplain("views split into " + PartitionShape.render(sides), left,
                    () -> sides.stream().allMatch(side -> side.stream()
                            .allMatch(node -> cluster.membersSeenBy(node).equals(side))));
        } catch (RecoveryTimeoutException notSeen) {
            context.note("partition " + PartitionShape.render(sides) + ": views had not split after "
                    + duration.toSeconds() + " s");
            return null;
        }
        long splitAt = context.now();
        context.note("partition " + PartitionShape.render(sides) + ": every member saw only its side "
                + NemesisContext.seconds(splitAt - cutAt) + " after the cut");
        return splitAt;
    }

    /** The lab wants every namespace in a side: those without a member (not started, departed) join the largest. */
    private static List<Set<String>> withIdleNamespaces(NetworkLab lab, List<Set<String>> sides) {
        Set<String> placed = new HashSet<>();
        sides.forEach(placed::addAll);
        List<Set<String>> all = new ArrayList<>();
        sides.forEach(side -> all.add(new LinkedHashSet<>(side)));
        Set<String> largest = all.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        lab.nodes().stream().filter(node -> !placed.contains(node)).forEach(largest::add);
        return all;
    }
}
