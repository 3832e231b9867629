package io.clusterkv.cluster;

import io.clusterkv.core.KvException;

/**
 * This node is in a part of the cluster that holds no majority of its members, under the majority policy: writes
 * (and, if so configured, reads) are refused until the parts merge again. Nothing was sent; retrying later, or on a
 * node of the majority, is safe.
 */
public class NoQuorumException extends KvException {

    /** @param message how many members are reachable and how many are needed */
    public NoQuorumException(String message) {
        super(message);
    }
}
