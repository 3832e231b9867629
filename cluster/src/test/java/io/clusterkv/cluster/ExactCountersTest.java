package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.cluster.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Increments from every node on one key are totally ordered: exact totals, and each caller gets a distinct value. */
class ExactCountersTest {
    private final TestCluster cluster = new TestCluster();
    private final ExecutorService pool = Executors.newFixedThreadPool(12);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void increment_threeNodesFourThreadsTenThousandEach_every120000AndValuesOneTo120000() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        ConcurrentLinkedQueue<Long> returned = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        for (ClusterNode node : nodes) {
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        returned.add(node.store().increment("hits"));
                    }
                }));
            }
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }

        TestCluster.awaitConverged(nodes);
        for (ClusterNode node : nodes) {
            assertThat(node.store().get("hits")).as(node.name()).isEqualTo(120_000L);
        }
        assertThat(returned).hasSize(120_000);
        assertThat(returned.stream().sorted().toList())
            .isEqualTo(LongStream.rangeClosed(1, 120_000).boxed().toList());
    }
}
