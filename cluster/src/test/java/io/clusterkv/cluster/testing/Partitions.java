package io.clusterkv.cluster.testing;

import io.clusterkv.cluster.ClusterNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;

/**
 * Network partitions between in-JVM nodes, made with JGroups' DISCARD protocol: each node drops every message from
 * the members on the other side, in both directions, until {@link #heal()}.
 */
public final class Partitions {
    private final Map<ClusterNode, DISCARD> discards = new HashMap<>();

    /** Installs a DISCARD, inactive, in each node. */
    public Partitions(List<ClusterNode> nodes) {
        for (ClusterNode node : nodes) {
            DISCARD discard = new DISCARD();
            try {
                node.jgroupsChannel().getProtocolStack().insertProtocol(discard, ProtocolStack.Position.ABOVE,
                    TP.class);
            } catch (Exception failure) {
                throw new IllegalStateException("cannot add DISCARD to " + node.name(), failure);
            }
            discards.put(node, discard);
        }
    }

    /** Cuts the nodes into sides that cannot hear each other. */
    @SafeVarargs
    public final void split(List<ClusterNode>... sides) {
        heal();
        for (List<ClusterNode> side : sides) {
            List<Address> others = new ArrayList<>();
            for (List<ClusterNode> other : sides) {
                if (other != side) {
                    other.forEach(node -> others.add(node.jgroupsChannel().getAddress()));
                }
            }
            for (ClusterNode node : side) {
                others.forEach(discards.get(node)::addIgnoreMember);
            }
        }
    }

    /** Lets every node hear every other again; MERGE3 then merges the views. */
    public void heal() {
        for (DISCARD discard : discards.values()) {
            discard.resetIgnoredMembers();
        }
    }
}
