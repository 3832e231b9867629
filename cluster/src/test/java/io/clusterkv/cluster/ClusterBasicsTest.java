package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.core.KvStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node alone works at once; joined nodes see each other's writes and agree on the state. */
class ClusterBasicsTest {
    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void start_singleNode_isReadyAndServesAtOnce() {
        ClusterNode node = cluster.start("solo");

        assertThat(node.isReady()).isTrue();
        assertThat(node.view().members()).containsExactly("solo");
        assertThat(node.view().coordinator()).isEqualTo("solo");
        KvStore kv = node.store();
        assertThat(kv.set("k", "v")).isTrue();
        assertThat(kv.get("k")).isEqualTo("v");
        assertThat(kv.increment("n")).isEqualTo(1);
    }

    @Test
    void write_onOneNode_isReadOnTheOthers() {
        List<ClusterNode> nodes = cluster.startNodes(3);

        nodes.get(0).store().set("greeting", "hello");
        nodes.get(1).store().mset(Map.of("a", 1, "b", 2));
        nodes.get(2).store().increment("counter", 5);

        for (ClusterNode node : nodes) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(node.store().dump())
                .isEqualTo(Map.of("greeting", "hello", "a", 1, "b", 2, "counter", 5L)));
        }
        TestCluster.awaitConverged(nodes);
    }

    @Test
    void join_nodeJoiningLater_receivesTheState() {
        ClusterNode first = cluster.start("first");
        for (int i = 0; i < 1000; i++) {
            first.store().set("key:" + i, "value:" + i);
        }
        first.store().setTTL("timed", "v", 600);

        ClusterNode second = cluster.start("second");

        assertThat(second.store().size()).isEqualTo(1001);
        assertThat(second.store().get("key:999")).isEqualTo("value:999");
        assertThat(second.store().getTTL("timed")).isBetween(599L, 600L);
        TestCluster.awaitConverged(List.of(first, second));
    }

    @Test
    void write_keysAndStringsWithLoneSurrogates_replicateCharForChar() {
        // The RESP endpoint names a key that is not UTF-8 with lone surrogates; UTF-8 alone would turn them into '?'.
        String binaryKey = "binary\uDCFF\uDCFE";
        String oddValue = "value\uD800 and a pair \uD83D\uDE00";
        List<ClusterNode> nodes = cluster.startNodes(2);

        nodes.get(0).store().set(binaryKey, oddValue);
        nodes.get(0).store().increment("\uDC80count");

        for (ClusterNode node : nodes) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(node.store().dump())
                .isEqualTo(Map.of(binaryKey, oddValue, "\uDC80count", 1L)));
        }
        assertThat(nodes.get(1).store().get("binary??")).isNull();
    }
}
