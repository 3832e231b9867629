package io.clusterkv.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Several node processes on loopback forming one cluster, each listing all the others as initial hosts. Nodes can
 * be stopped, killed, paused and restarted with the same name and ports.
 */
public final class ProcessCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String clusterName = "it-" + UUID.randomUUID();
    private final Path logs;
    private final List<NodeProcess.Builder> builders = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();

    private ProcessCluster(Path logs) {
        this.logs = logs;
    }

    /**
     * Starts {@code size} nodes named n1, n2... and waits until all are ready and see each other.
     *
     * @param logs       where each node's log goes
     * @param extraFlags flags every node gets
     */
    public static ProcessCluster start(int size, Path logs, String... extraFlags) {
        ProcessCluster cluster = new ProcessCluster(logs);
        for (int i = 1; i <= size; i++) {
            cluster.builders.add(NodeProcess.builder("n" + i, cluster.clusterName, logs).flags(extraFlags));
        }
        List<String> hosts = cluster.builders.stream().map(NodeProcess.Builder::jgroupsAddress).toList();
        for (NodeProcess.Builder builder : cluster.builders) {
            builder.initialHosts(hosts);
            cluster.nodes.add(builder.build());
        }
        try {
            // The first one alone, so it is the coordinator; the others then join it.
            cluster.nodes.get(0).start().awaitReady(START_TIMEOUT);
            for (NodeProcess node : cluster.nodes.subList(1, size)) {
                node.start();
            }
            for (NodeProcess node : cluster.nodes) {
                node.awaitReady(START_TIMEOUT);
            }
            awaitMembers(cluster.nodes);
            return cluster;
        } catch (RuntimeException failure) {
            cluster.close();
            throw failure;
        }
    }

    /** @return the nodes, in start order */
    public List<NodeProcess> nodes() {
        return nodes;
    }

    /** @return node {@code i}, counted from 0 */
    public NodeProcess node(int i) {
        return nodes.get(i);
    }

    /** Starts a stopped or killed node again, with the same name and ports, and waits until it is ready. */
    public NodeProcess restart(NodeProcess node) {
        int index = nodes.indexOf(node);
        NodeProcess again = builders.get(index).build().start().awaitReady(START_TIMEOUT);
        nodes.set(index, again);
        return again;
    }

    /** Waits until every given node sees exactly the given nodes as members. */
    public static void awaitMembers(List<NodeProcess> members) {
        Set<String> expected = members.stream().map(NodeProcess::name).collect(Collectors.toSet());
        await("members " + expected).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> members.stream().allMatch(node -> expected.equals(membersSeenBy(node))));
    }

    private static Set<String> membersSeenBy(NodeProcess node) {
        try {
            Set<String> seen = new HashSet<>();
            node.cluster().get("members").forEach(member -> seen.add(member.asText()));
            return seen;
        } catch (RuntimeException unreachable) {
            return Set.of();
        }
    }

    /** Waits until the given nodes report the same applied index and state digest. */
    public static void awaitConverged(List<NodeProcess> members) {
        await("same applied index and digest on " + members.stream().map(NodeProcess::name).toList())
            .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> members.stream().map(ProcessCluster::position).distinct().count() == 1);
    }

    private static String position(NodeProcess node) {
        try {
            JsonNode cluster = node.cluster();
            return cluster.get("ready").asBoolean() + "/" + cluster.get("applied_index").asLong() + "/"
                + cluster.get("digest").asText();
        } catch (RuntimeException unreachable) {
            return "unreachable " + node.name();
        }
    }

    /** @return the cluster's name */
    public String clusterName() {
        return clusterName;
    }

    /** @return the directory of the nodes' logs */
    public Path logs() {
        return logs;
    }

    /** Kills every node still running. */
    @Override
    public void close() {
        for (NodeProcess node : nodes) {
            node.close();
        }
    }
}
