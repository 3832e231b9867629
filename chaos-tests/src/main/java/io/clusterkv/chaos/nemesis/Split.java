package io.clusterkv.chaos.nemesis;

import io.clusterkv.chaos.history.Operation;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A network partition as it happened, on the run's clock: what the merge checker of the allow-all policy needs to
 * tell writes made on each side.
 *
 * @param sides           the sides, members only
 * @param cutNanos        when the links were cut
 * @param viewsSplitNanos when every member first saw exactly its own side as the cluster, or null if that was not
 *                        seen before the heal
 * @param healNanos       when the links came back
 * @param mergedNanos     when every member was again ready in one view, or null if that did not happen in time
 */
public record Split(List<Set<String>> sides, long cutNanos, @Nullable Long viewsSplitNanos, long healNanos,
                    @Nullable Long mergedNanos) {

    /** @throws NullPointerException if the sides are null */
    public Split {
        sides = List.copyOf(Objects.requireNonNull(sides, "sides cannot be null"));
    }

    /**
     * @return whether the operation ran entirely while the members' views were split: invoked once every member
     *     saw only its side, completed before the heal (false if the views never split)
     */
    public boolean whileViewsSplit(Operation operation) {
        return viewsSplitNanos != null && operation.invokeNanos() >= viewsSplitNanos
                && operation.completeNanos() <= healNanos;
    }

    /** @return the side with most nodes, the first of equals */
    public Set<String> largestSide() {
        Set<String> largest = sides.get(0);
        for (Set<String> side : sides) {
            if (side.size() > largest.size()) {
                largest = side;
            }
        }
        return largest;
    }
}
