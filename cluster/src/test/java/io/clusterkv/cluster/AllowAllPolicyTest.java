package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.Partitions;
import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.core.TimeSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allow-all policy: both sides of a split keep writing; on the merge the side with most of the stable
 * membership wins, and the other side's writes are discarded and reported.
 */
class AllowAllPolicyTest {
    private final TestCluster cluster = new TestCluster(TimeSource.system(),
        builder -> builder.partitionPolicy(PartitionPolicy.ALLOW_ALL));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void split_bothSidesWrite_mergeKeepsTheLargerSideAndReportsTheOthersDiscarded() {
        List<ClusterNode> nodes = cluster.startNodes(3);
        nodes.get(0).store().set("shared", "before");
        TestCluster.awaitConverged(nodes);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClusterNode lonely = nodes.get(0);
        lonely.meterBinder().bindTo(registry);
        List<ClusterNode> larger = List.of(nodes.get(1), nodes.get(2));
        Partitions partitions = new Partitions(nodes);

        partitions.split(List.of(lonely), larger);
        await().atMost(Duration.ofSeconds(20)).until(() -> lonely.view().members().size() == 1
            && larger.get(0).view().members().size() == 2);
        assertThat(lonely.view().quorum()).as("allow-all never refuses").isTrue();
        assertThat(lonely.store().set("shared", "lonely side")).isTrue();
        lonely.store().set("only-lonely", 1);
        larger.get(0).store().set("shared", "larger side");
        larger.get(1).store().set("only-larger", 2);

        partitions.heal();
        TestCluster.awaitMembers(nodes);
        TestCluster.awaitConverged(nodes);

        for (ClusterNode node : nodes) {
            assertThat(node.store().dump()).as(node.name())
                .isEqualTo(Map.of("shared", "larger side", "only-larger", 2));
        }
        assertThat(registry.get("clusterkv.merges").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("clusterkv.merge.discarded.batches").functionCounter().count()).isPositive();
    }
}
