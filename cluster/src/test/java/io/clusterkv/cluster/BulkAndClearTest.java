package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.cluster.testing.TestCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mset is applied at one instant on every replica; clear empties every replica; dumps agree once writes stop. */
class BulkAndClearTest {
    private final TestCluster cluster = new TestCluster();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        cluster.close();
    }

    @Test
    void mset_readersOnOtherReplicas_neverSeePartOfIt() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        List<String> keys = List.of("a", "b", "c", "d", "e");
        nodes.get(0).store().mset(generation(keys, 0));
        TestCluster.awaitConverged(nodes);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong observations = new AtomicLong();
        List<Future<?>> readers = List.of(nodes.get(1), nodes.get(2)).stream().<Future<?>>map(replica -> pool.submit(() -> {
            while (writing.get()) {
                List<Object> seen = replica.store().mget(keys);
                assertThat(seen).as("one mset on " + replica.name()).containsOnly(seen.get(0));
                observations.incrementAndGet();
            }
        })).toList();

        for (long generation = 1; generation <= 2_000; generation++) {
            nodes.get(0).store().mset(generation(keys, generation));
        }
        writing.set(false);
        for (Future<?> reader : readers) {
            reader.get(1, TimeUnit.MINUTES);
        }

        assertThat(observations.get()).isPositive();
        TestCluster.awaitConverged(nodes);
        for (ClusterNode node : nodes) {
            assertThat(node.store().dump()).isEqualTo(generation(keys, 2_000));
        }
    }

    @Test
    void clear_fromAnyNode_emptiesEveryReplica() {
        List<ClusterNode> nodes = cluster.startNodes(3);
        for (int i = 0; i < 500; i++) {
            nodes.get(i % 3).store().setTTL("k" + i, i, 3600);
        }
        TestCluster.awaitConverged(nodes);

        assertThat(nodes.get(2).store().clear()).isTrue();

        TestCluster.awaitConverged(nodes);
        for (ClusterNode node : nodes) {
            assertThat(node.store().isEmpty()).isTrue();
            assertThat(node.store().stats().totalKeys()).isZero();
            assertThat(node.digest().digest()).isZero();
        }
    }

    @Test
    void dump_afterConcurrentWritesStop_isIdenticalOnEveryNode() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        List<Future<?>> writers = nodes.stream().<Future<?>>map(node -> pool.submit(() -> {
            for (int i = 0; i < 2_000; i++) {
                node.store().set("shared:" + (i % 50), node.name() + ":" + i);
                node.store().increment("count:" + (i % 7));
                if (i % 100 == 0) {
                    node.store().mset(Map.of("m1", i, "m2", node.name()));
                }
            }
        })).toList();
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }

        TestCluster.awaitConverged(nodes);
        Map<String, Object> first = nodes.get(0).store().dump();
        for (ClusterNode node : nodes) {
            assertThat(node.store().dump()).isEqualTo(first);
        }
    }

    private static Map<String, Object> generation(List<String> keys, long generation) {
        Map<String, Object> pairs = new HashMap<>();
        keys.forEach(key -> pairs.put(key, generation));
        return pairs;
    }
}
