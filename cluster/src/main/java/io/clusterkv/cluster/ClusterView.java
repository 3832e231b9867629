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
 */
public record ClusterView(long viewId, List<String> members, String coordinator, String self, boolean ready) {
}
