package io.clusterkv.cluster.internal;

import io.clusterkv.cluster.PartitionPolicy;
import java.util.Collection;
import java.util.Set;

/**
 * Whether this node's part of the cluster may write: under the majority policy, when it holds a majority of the
 * stable membership (counted against the expected size too, so a cluster that is still forming is not writable
 * until a majority of it has joined).
 *
 * @param has       whether writes are allowed
 * @param reachable members of the stable membership in this node's view
 * @param needed    how many are needed
 * @param members   the size of the stable membership
 */
public record Quorum(boolean has, int reachable, int needed, int members) {

    /** @return the quorum of a view, for a policy, membership and expected size */
    static Quorum of(PartitionPolicy policy, int expectedSize, Set<String> stableMembers,
                     Collection<String> viewMembers) {
        int reachable = 0;
        for (String member : viewMembers) {
            if (stableMembers.contains(member)) {
                reachable++;
            }
        }
        int needed = Math.max(expectedSize, stableMembers.size()) / 2 + 1;
        boolean has = policy != PartitionPolicy.MAJORITY || reachable >= needed;
        return new Quorum(has, reachable, needed, stableMembers.size());
    }

    /** @return why writes are refused, for the caller's exception */
    String refusal() {
        return "no quorum: this part of the cluster has " + reachable + " of " + members + " members, " + needed
            + " are needed; writes are refused until the cluster heals";
    }
}
