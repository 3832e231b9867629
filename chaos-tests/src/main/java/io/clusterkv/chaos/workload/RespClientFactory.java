package io.clusterkv.chaos.workload;

import java.time.Duration;

/** Opens {@link RespClient}s: the suite passes one that makes Jedis connections. */
@FunctionalInterface
public interface RespClientFactory {

    /**
     * Connects to a node.
     *
     * @param node    where to connect
     * @param timeout how long a command may take before its outcome is unknown
     * @return a connected client
     * @throws ClientException (refused, connection broken) if the node cannot be reached
     */
    RespClient connect(NodeAddress node, Duration timeout);
}
