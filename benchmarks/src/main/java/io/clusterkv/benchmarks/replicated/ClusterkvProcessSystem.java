package io.clusterkv.benchmarks.replicated;

import io.clusterkv.testsupport.NodeProcess;
import io.clusterkv.testsupport.ProcessCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * clusterkv as node processes on 127.0.0.1, each started by {@code bin/clusterkv} with its defaults (TCP with
 * TCPPING between the nodes; {@code -majority}: {@code --partition-policy majority --expected-size N}). The clients
 * stay in the benchmark's JVM and reach their node over RESP, one connection per client thread and node, without
 * pipelining: SET, INCR and MSET. So these rows add a RESP round trip and the node's endpoint to every write; they
 * show what running the nodes as processes costs, not a like-for-like comparison with the embedded systems.
 * The node processes' CPU counts as the benchmark's own, not as interference.
 */
public final class ClusterkvProcessSystem implements ReplicatedSystem {
    private final boolean majority;
    private final Queue<RespConnection> connections = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<RespConnection[]> perThread = new ThreadLocal<>();
    private ProcessCluster cluster;
    private double exitedCpuSeconds;

    /**
     * @param id {@code clusterkv-processes} or {@code clusterkv-processes-majority}
     * @throws IllegalArgumentException for any other id
     */
    public ClusterkvProcessSystem(String id) {
        this.majority = switch (id) {
            case "clusterkv-processes" -> false;
            case "clusterkv-processes-majority" -> true;
            default -> throw new IllegalArgumentException("not a clusterkv process system: " + id);
        };
    }

    @Override
    public String name() {
        return "clusterkv processes, RESP (" + (majority ? "majority" : "defaults") + ")";
    }

    @Override
    public String description() {
        return (majority ? "clusterkv-processes-majority" : "clusterkv-processes") + ": node processes started by "
            + "bin/clusterkv on 127.0.0.1 (TCP, TCPPING), " + (majority ? "--partition-policy majority "
            + "--expected-size N" : "defaults") + "; clients in the benchmark JVM over RESP, one connection per "
            + "client thread and node, no pipelining";
    }

    @Override
    public void start(int nodes) {
        Path logs;
        try {
            logs = Files.createTempDirectory("clusterkv-bench-nodes");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        cluster = majority
            ? ProcessCluster.start(nodes, logs, "--partition-policy", "majority", "--expected-size",
                Integer.toString(nodes))
            : ProcessCluster.start(nodes, logs);
    }

    @Override
    public double processesCpuSeconds() {
        double total = exitedCpuSeconds;
        if (cluster != null) {
            for (NodeProcess node : cluster.nodes()) {
                total += cpuSeconds(node);
            }
        }
        return total;
    }

    private static double cpuSeconds(NodeProcess node) {
        return ProcessHandle.of(node.pid()).flatMap(handle -> handle.info().totalCpuDuration())
            .map(Duration::toNanos).orElse(0L) / 1e9;
    }

    @Override
    public void set(int node, String key, byte[] value) {
        connection(node).call(bytes("SET"), bytes(key), value);
    }

    @Override
    public long increment(int node, String key) {
        return connection(node).call(bytes("INCR"), bytes(key));
    }

    @Override
    public void mset(int node, Map<String, ?> pairs) {
        List<byte[]> arguments = new ArrayList<>(1 + 2 * pairs.size());
        arguments.add(bytes("MSET"));
        pairs.forEach((key, value) -> {
            arguments.add(bytes(key));
            arguments.add(value instanceof byte[] raw ? raw : bytes(String.valueOf(value)));
        });
        connection(node).call(arguments.toArray(byte[][]::new));
    }

    private RespConnection connection(int node) {
        RespConnection[] mine = perThread.get();
        if (mine == null) {
            mine = new RespConnection[cluster.nodes().size()];
            perThread.set(mine);
        }
        if (mine[node] == null) {
            NodeProcess process = cluster.node(node);
            mine[node] = new RespConnection(process.host(), process.respPort());
            connections.add(mine[node]);
        }
        return mine[node];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connections.forEach(RespConnection::close);
        connections.clear();
        if (cluster != null) {
            exitedCpuSeconds = processesCpuSeconds();
            cluster.close();
            cluster = null;
        }
    }
}
