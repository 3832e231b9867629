package io.clusterkv.chaos.workload;

import java.util.Objects;

/** What every workload of the suite has: a name, a key prefix of its own, a number of clients per node. */
abstract class NamedWorkload implements Workload {
    private final String name;
    private final String keyPrefix;
    private final int clientsPerNode;

    /** @throws IllegalArgumentException if {@code clientsPerNode} is not positive */
    NamedWorkload(String name, String keyPrefix, int clientsPerNode) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix cannot be null");
        this.clientsPerNode = Workloads.requirePositive(clientsPerNode, "clientsPerNode");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int clientsPerNode() {
        return clientsPerNode;
    }

    @Override
    public final String keyPrefix() {
        return keyPrefix;
    }
}
