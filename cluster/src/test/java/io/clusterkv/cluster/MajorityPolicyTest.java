package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.Partitions;
import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.cluster.testing.WriteLoad;
import io.clusterkv.core.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The majority policy: only the part of a split cluster holding a majority of the stable membership writes, a write
 * is acknowledged once a majority has it, and on the merge the minority takes the majority's state.
 */
class MajorityPolicyTest {
    private final TestCluster cluster = new TestCluster(TimeSource.system(),
        builder -> builder.expectedSize(3).writeTimeout(Duration.ofSeconds(3)));

    @AfterEach
    void close() {
        cluster.close();
    }

    private static void awaitViewSize(ClusterNode node, int size) {
        await().atMost(Duration.ofSeconds(20)).until(() -> node.view().members().size() == size);
    }

    @Test
    void split_minorityRefusesWritesMajorityKeepsWritingAndMergeKeepsTheMajoritysState() {
        List<ClusterNode> nodes = cluster.startNodes(3);
        assertThat(nodes.get(0).view().policy()).isEqualTo(PartitionPolicy.MAJORITY);
        nodes.get(0).store().set("before", "split");
        Partitions partitions = new Partitions(nodes);
        ClusterNode minority = nodes.get(2);
        List<ClusterNode> majority = List.of(nodes.get(0), nodes.get(1));

        partitions.split(majority, List.of(minority));
        awaitViewSize(minority, 1);
        awaitViewSize(majority.get(0), 2);

        assertThat(minority.view().quorum()).isFalse();
        assertThatThrownBy(() -> minority.store().set("minority", "write")).isInstanceOf(NoQuorumException.class)
            .hasMessage("no quorum: this part of the cluster has 1 of 3 members, 2 are needed; writes are refused "
                + "until the cluster heals");
        assertThat(minority.store().get("before")).as("reads are served, possibly stale").isEqualTo("split");
        assertThat(majority.get(1).store().increment("during")).isEqualTo(1);
        majority.get(0).store().set("majority", "write");

        partitions.heal();
        TestCluster.awaitMembers(nodes);
        TestCluster.awaitConverged(nodes);
        assertThat(minority.view().quorum()).isTrue();
        assertThat(minority.store().dump()).isEqualTo(Map.of("before", "split", "during", 1L, "majority", "write"));
        assertThat(minority.store().increment("during")).as("the healed node writes again").isEqualTo(2);
    }

    @Test
    void split_coordinatorInTheMinority_majorityElectsAnotherAndTheOldCoordinatorRejoins() {
        List<ClusterNode> nodes = cluster.startNodes(3);
        Partitions partitions = new Partitions(nodes);
        ClusterNode coordinator = nodes.get(0);
        List<ClusterNode> majority = List.of(nodes.get(1), nodes.get(2));

        partitions.split(List.of(coordinator), majority);
        awaitViewSize(majority.get(0), 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> majority.get(1).store().increment("n") > 0);
        assertThatThrownBy(() -> coordinator.store().increment("n")).isInstanceOf(NoQuorumException.class);

        partitions.heal();
        TestCluster.awaitMembers(nodes);
        TestCluster.awaitConverged(nodes);
        assertThat(coordinator.store().get("n")).isEqualTo(1L);
    }

    @Test
    void writeLoadAcrossASplitAndHeal_noAcknowledgedWriteLostAndNoCounterValueGivenTwice() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        Partitions partitions = new Partitions(nodes);
        try (WriteLoad load = new WriteLoad(nodes, 2)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.counterResults().size() > 500);
            partitions.split(List.of(nodes.get(0)), List.of(nodes.get(1), nodes.get(2)));
            awaitViewSize(nodes.get(1), 2);
            long afterSplit = load.counterResults().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.counterResults().size() > afterSplit + 500);
            partitions.heal();
            TestCluster.awaitMembers(nodes);
            long afterHeal = load.counterResults().size();
            await().atMost(Duration.ofSeconds(20)).until(() -> load.counterResults().size() > afterHeal + 500);
            load.stop();

            TestCluster.awaitConverged(nodes);
            Map<String, Object> dump = nodes.get(0).store().dump();
            load.acknowledgedSets().forEach((key, value) -> assertThat(dump.get(key)).as(key).isEqualTo(value));
            assertThat(load.counterResults()).as("acknowledged increments, on every node, minority included")
                .doesNotHaveDuplicates();
            assertThat((Long) dump.get(WriteLoad.COUNTER))
                .isGreaterThanOrEqualTo(load.counterResults().stream().mapToLong(Long::longValue).max().orElse(0));
        }
    }

    @Test
    void minorityReadsRefused_whenConfigured() {
        TestCluster strict = new TestCluster(TimeSource.system(),
            builder -> builder.expectedSize(3).minorityReads(false));
        try (strict) {
            List<ClusterNode> nodes = strict.startNodes(3);
            Partitions partitions = new Partitions(nodes);
            partitions.split(List.of(nodes.get(0), nodes.get(1)), List.of(nodes.get(2)));
            awaitViewSize(nodes.get(2), 1);

            assertThatThrownBy(() -> nodes.get(2).store().get("k")).isInstanceOf(NoQuorumException.class)
                .hasMessageContaining("reads and writes are refused");
            assertThat(nodes.get(0).store().get("k")).isNull();
        }
    }

    @Test
    void gracefulLeave_shrinksTheMembershipSoTheRestKeepsItsQuorum() {
        TestCluster growing = new TestCluster(TimeSource.system(), builder -> builder.expectedSize(2));
        try (growing) {
            List<ClusterNode> nodes = growing.startNodes(3);
            assertThat(nodes.get(0).view().stableMembers()).containsExactly("n1", "n2", "n3");

            growing.stop(nodes.get(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(0).view().stableMembers().size() == 2);
            growing.stop(nodes.get(1));

            await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(0).view().members().size() == 1);
            assertThat(nodes.get(0).view().quorum()).as("1 of a 2-member membership").isFalse();
        }
    }
}
