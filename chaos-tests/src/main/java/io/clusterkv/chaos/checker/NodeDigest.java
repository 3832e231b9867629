package io.clusterkv.chaos.checker;

import java.util.Objects;

/**
 * What one node reported about its replica after the run (the cluster's {@code StateDigest}, from {@code /cluster}
 * or {@code INFO cluster}), named by node.
 *
 * @param node         the node's name
 * @param appliedIndex how many batches of the ordered stream it has applied
 * @param digest       the order-independent hash of its entries
 * @param entries      how many entries it holds
 */
public record NodeDigest(String node, long appliedIndex, long digest, long entries) {

    /** @throws NullPointerException if the node is null */
    public NodeDigest {
        Objects.requireNonNull(node, "node cannot be null");
    }

    /** @return the replica's state without the node's name, equal on converged nodes */
    String fingerprint() {
        return "index " + appliedIndex + ", digest " + Long.toHexString(digest) + ", " + entries + " entries";
    }
}
