package io.clusterkv.cluster;

import java.util.List;

/**
 * What a node knows of its cluster.
 *
 * @param viewId      the JGroups view number; it grows with every membership change
 * @param members     member names, oldest first
 * @param coordinator the oldest member, which orders every write
 * @param self        this node's name
 * @param ready       whether this node has joined and holds the current state
 * @param quorum      whether this node's part of the cluster may write (always true without the majority policy)
 * @param stableMembers the stable membership quorum is counted against: nodes that joined and did not leave
 * @param policy      the partition policy
 */
public record ClusterView(long viewId, List<String> members, String coordinator, String self, boolean ready,
                          boolean quorum, List<String> stableMembers, PartitionPolicy policy) {
}
