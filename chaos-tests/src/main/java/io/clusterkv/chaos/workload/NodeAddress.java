package io.clusterkv.chaos.workload;

import java.util.Objects;

/**
 * Where clients reach one node.
 *
 * @param name     the node's name, as in {@code /cluster} and in histories
 * @param host     the address its endpoints listen on
 * @param respPort its Redis protocol port
 * @param httpPort its HTTP port
 */
public record NodeAddress(String name, String host, int respPort, int httpPort) {

    /** @throws NullPointerException if the name or the host is null */
    public NodeAddress {
        Objects.requireNonNull(name, "node name cannot be null");
        Objects.requireNonNull(host, "host cannot be null");
    }

    /** @return {@code http://host:port}, the base of the node's HTTP routes */
    public String httpBase() {
        return "http://" + host + ":" + httpPort;
    }
}
