package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.cluster.testing.WriteLoad;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that joins while the others write at full speed ends with exactly their state: its state is cut at its
 * marker in the total order, and what follows the marker is applied after it, each write exactly once.
 */
class JoinUnderLoadTest {
    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void join_whileTwoNodesWriteAtFullSpeed_endsWithTheSameStateAndNoWriteLostOrDoubled() throws Exception {
        List<ClusterNode> founders = cluster.startNodes(2);
        for (int i = 0; i < 20_000; i++) {
            founders.get(0).store().set("preload:" + i, "value-" + i);
        }
        ClusterNode joiner;
        try (WriteLoad load = new WriteLoad(founders, 4)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.counterResults().size() > 2_000);
            joiner = cluster.start("joiner");
            long before = load.attempts();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.attempts() > before + 2_000);
            load.stop();

            List<ClusterNode> all = List.of(founders.get(0), founders.get(1), joiner);
            TestCluster.awaitConverged(all);

            assertThat(load.failures()).isZero();
            Map<String, Object> dump = joiner.store().dump();
            for (Map.Entry<String, Long> acked : load.acknowledgedSets().entrySet()) {
                assertThat(dump.get(acked.getKey())).as(acked.getKey()).isEqualTo(acked.getValue());
            }
            List<Long> results = load.counterResults();
            assertThat(joiner.store().get(WriteLoad.COUNTER)).as("each increment applied exactly once")
                .isEqualTo((long) results.size());
            assertThat(results).doesNotHaveDuplicates();
            assertThat(dump).hasSize(20_000 + load.acknowledgedSets().size() + 1);
        }
    }

    @Test
    void join_threeJoinersOneAfterAnotherUnderLoad_allConverge() throws Exception {
        List<ClusterNode> nodes = new java.util.ArrayList<>(cluster.startNodes(1));
        try (WriteLoad load = new WriteLoad(List.copyOf(nodes), 2)) {
            for (int i = 2; i <= 4; i++) {
                long before = load.attempts();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.attempts() > before + 1_000);
                nodes.add(cluster.start("n" + i));
            }
            load.stop();
            TestCluster.awaitConverged(nodes);
            assertThat(nodes.get(3).store().get(WriteLoad.COUNTER)).isEqualTo((long) load.counterResults().size());
        }
    }
}
