package io.clusterkv.chaos.net;

import static io.clusterkv.chaos.net.NetworkLabAssumptions.assumeNetworkLabs;

import io.clusterkv.testsupport.NodeProcess;
import io.clusterkv.testsupport.ProcessCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three real node processes, each in its own namespace: cutting one off splits the cluster's view as JGroups' failure
 * detection sees it, and healing merges it again (FD_ALL3 and MERGE3 take several seconds each).
 */
@Tag("slow")
class PartitionedClusterTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @BeforeAll
    static void requireNetworkLabs() {
        assumeNetworkLabs();
    }

    @Test
    void isolate_oneNodeOfThree_splitsTheViewAndHealMergesIt() {
        try (NetworkLab lab = NetworkLab.create(3)) {
            List<NodeProcess> nodes = startCluster(lab);
            try {
                NodeProcess n1 = nodes.get(0);
                ProcessCluster.awaitMembers(nodes);

                lab.isolate("n1");

                ProcessCluster.awaitMembers(nodes.subList(1, 3));
                ProcessCluster.awaitMembers(List.of(n1));

                lab.heal();

                ProcessCluster.awaitMembers(nodes);
            } finally {
                nodes.forEach(NodeProcess::close);
            }
        }
    }

    /** Starts n1 alone (so it is the coordinator), then the others, each bound to its address in its namespace. */
    private static List<NodeProcess> startCluster(NetworkLab lab) {
        String clusterName = "netlab-" + UUID.randomUUID();
        Path logs = Path.of("target", "partitioned-cluster", lab.runId());
        List<NodeProcess.Builder> builders = new ArrayList<>();
        for (String node : lab.nodes()) {
            builders.add(NodeProcess.builder(node, clusterName, logs).host(lab.nodeAddress(node))
                    .runUnder(lab.execPrefix(node)));
        }
        List<String> hosts = builders.stream().map(NodeProcess.Builder::jgroupsAddress).toList();
        List<NodeProcess> nodes = new ArrayList<>();
        builders.forEach(builder -> nodes.add(builder.initialHosts(hosts).build()));
        try {
            nodes.get(0).start().awaitReady(START_TIMEOUT);
            nodes.subList(1, nodes.size()).forEach(NodeProcess::start);
            nodes.forEach(node -> node.awaitReady(START_TIMEOUT));
            return nodes;
        } catch (RuntimeException failure) {
            nodes.forEach(NodeProcess::close);
            throw failure;
        }
    }
}
