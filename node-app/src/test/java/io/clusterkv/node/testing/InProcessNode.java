package io.clusterkv.node.testing;

import io.clusterkv.config.NodeSettings;
import io.clusterkv.config.SettingsLoader;
import io.clusterkv.node.NodeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real node (real RESP and HTTP servers, a real JGroups channel over TCP on loopback) started in the test's JVM
 * on free ports, in a cluster of its own unless told to join another. For endpoint tests; multi-process tests use
 * the launcher in test-support.
 */
public final class InProcessNode implements AutoCloseable {
    private final NodeServer server;
    private final NodeSettings settings;

    private InProcessNode(NodeServer server, NodeSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Starts a single node with default settings on free ports; {@code extraFlags} override. */
    public static InProcessNode start(String... extraFlags) {
        int jgroupsPort = freePort();
        List<String> flags = new ArrayList<>(List.of("--cluster-name", "test-" + UUID.randomUUID(),
            "--resp-port", String.valueOf(freePort()), "--http-port", String.valueOf(freePort()),
            "--jgroups-port", String.valueOf(jgroupsPort), "--jgroups-port-range", "0",
            "--initial-hosts", "127.0.0.1:" + jgroupsPort));
        flags.addAll(List.of(extraFlags));
        NodeSettings settings = SettingsLoader.load(flags, Map.of());
        return new InProcessNode(NodeServer.start(settings), settings);
    }

    /** @return a port nobody listens on right now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** @return the RESP port */
    public int respPort() {
        return settings.respPort();
    }

    /** @return the HTTP port */
    public int httpPort() {
        return settings.httpPort();
    }

    /** @return the node's settings */
    public NodeSettings settings() {
        return settings;
    }

    /** @return the running server (its context gives the cluster node and the store) */
    public NodeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
