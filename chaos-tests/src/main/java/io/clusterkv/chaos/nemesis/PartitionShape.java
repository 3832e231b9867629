package io.clusterkv.chaos.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How a partition cuts the members into sides, decided when the step runs.
 *
 * @param description the cut, for reports
 * @param sides       computes the sides from the running members; every running member in exactly one
 */
public record PartitionShape(String description, Function<NemesisContext, List<Set<String>>> sides) {

    /** @throws NullPointerException if a component is null */
    public PartitionShape {
        Objects.requireNonNull(description, "description cannot be null");
        Objects.requireNonNull(sides, "sides cannot be null");
    }

    /** @return one node cut off from all the others */
    public static PartitionShape isolate(NodeChoice node) {
        return new PartitionShape(node.description() + " cut off", context -> {
            String alone = node.choose(context);
            Set<String> others = new LinkedHashSet<>(context.cluster().running());
            others.remove(alone);
            return List.of(Set.of(alone), others);
        });
    }

    /** @return a random minority (fewer than half the members, as many as possible) cut off from the majority */
    public static PartitionShape majorityMinority() {
        return new PartitionShape("a random minority cut off from the majority",
                context -> split(context, (context.cluster().running().size() - 1) / 2));
    }

    /** @return the members cut into two random halves (neither holds a majority when they are even) */
    public static PartitionShape halves() {
        return new PartitionShape("two random halves", context -> split(context,
                context.cluster().running().size() / 2));
    }

    /** @return every member alone */
    public static PartitionShape everyNodeAlone() {
        return new PartitionShape("every node alone",
                context -> context.cluster().running().stream().map(Set::of).toList());
    }

    /** @return the given sides */
    public static PartitionShape sides(List<Set<String>> sides) {
        List<Set<String>> fixed = sides.stream().map(Set::copyOf).toList();
        return new PartitionShape(render(fixed), context -> fixed);
    }

    /** @return the sides for this run */
    public List<Set<String>> sidesFor(NemesisContext context) {
        return sides.apply(context);
    }

    /** @return sides as {@code {n1} | {n2,n3}} */
    public static String render(List<Set<String>> sides) {
        List<String> parts = new ArrayList<>();
        for (Set<String> side : sides) {
            parts.add("{" + String.join(",", side.stream().sorted().toList()) + "}");
        }
        return String.join(" | ", parts);
    }

    private static List<Set<String>> split(NemesisContext context, int firstSize) {
        List<String> members = new ArrayList<>(context.cluster().running());
        synchronized (context.random()) {
            Collections.shuffle(members, context.random());
        }
        return List.of(new LinkedHashSet<>(members.subList(0, firstSize)),
                new LinkedHashSet<>(members.subList(firstSize, members.size())));
    }

    @Override
    public String toString() {
        return description;
    }
}
