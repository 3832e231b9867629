package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Write decisions about expiry come from the ordered stream's time, never from a replica's own clock, so replicas
 * whose clocks disagree still apply every write the same way; removal of expired keys is itself ordered.
 */
class DeterministicTtlTest {
    private final ManualTimeSource aheadClock = new ManualTimeSource(1_767_225_610_000L); // 10 s ahead
    private final ManualTimeSource behindClock = new ManualTimeSource(1_767_225_600_000L);
    private final TestCluster cluster = new TestCluster(behindClock, b -> b.sweepInterval(Duration.ZERO));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void increment_keyExpiredOnlyByOneReplicasClock_keepsValueAndTtlOnEveryReplica() {
        ClusterNode ahead = cluster.start("ahead", b -> b.timeSource(aheadClock));
        ClusterNode behind = cluster.start("behind");
        TestCluster.awaitMembers(List.of(ahead, behind));

        behind.store().setTTL("rate", 10L, Duration.ofSeconds(5));
        assertThat(ahead.store().get("rate")).as("reads hide it by the local clock").isNull();

        assertThat(behind.store().increment("rate")).isEqualTo(11);

        TestCluster.awaitConverged(List.of(ahead, behind));
        assertThat(behind.store().getTTLMillis("rate")).isEqualTo(5000);
        assertThat(ahead.store().stats().totalKeys()).as("held, though expired for its readers").isEqualTo(1);
    }

    @Test
    void increment_afterStreamTimeMovedPastDeadline_startsAgainOnEveryReplica() {
        ClusterNode ahead = cluster.start("ahead", b -> b.timeSource(aheadClock));
        ClusterNode behind = cluster.start("behind");
        TestCluster.awaitMembers(List.of(ahead, behind));
        behind.store().setTTL("rate", 10L, Duration.ofSeconds(5));

        ahead.store().set("tick", "moves the stream time 10 s on");

        assertThat(behind.store().increment("rate")).as("expired by stream time, recreated").isEqualTo(1);
        assertThat(behind.store().getTTL("rate")).isEqualTo(-1);
        TestCluster.awaitConverged(List.of(ahead, behind));
        assertThat(ahead.store().get("rate")).isEqualTo(1L);
    }

    @Test
    void expire_keyExpiredOnlyByOneReplicasClock_isDecidedByStreamTime() {
        ClusterNode ahead = cluster.start("ahead", b -> b.timeSource(aheadClock));
        ClusterNode behind = cluster.start("behind");
        TestCluster.awaitMembers(List.of(ahead, behind));
        behind.store().setTTL("session", "s", Duration.ofSeconds(5));

        assertThat(behind.store().expire("session", 60)).isTrue();

        TestCluster.awaitConverged(List.of(ahead, behind));
        assertThat(ahead.store().getTTL("session")).as("60 s from the origin's clock, 10 s ahead here").isEqualTo(50);
    }

    @Test
    void sweep_expiredKeysNobodyReads_areRemovedByTheCoordinatorOnEveryReplica() {
        ManualTimeSource shared = new ManualTimeSource();
        try (TestCluster swept = new TestCluster(shared, b -> b.sweepInterval(Duration.ofMillis(20)))) {
            List<ClusterNode> nodes = swept.startNodes(3);
            for (int i = 0; i < 300; i++) {
                nodes.get(i % 3).store().setTTL("short:" + i, i, 1);
            }
            nodes.get(1).store().set("plain", "stays");
            shared.advance(Duration.ofSeconds(1));

            for (ClusterNode node : nodes) {
                await().atMost(Duration.ofSeconds(20)).until(() -> node.store().stats().totalKeys() == 1);
            }
            TestCluster.awaitConverged(nodes);
            for (ClusterNode node : nodes) {
                assertThat(node.store().stats().expirations()).as(node.name()).isEqualTo(300);
                assertThat(node.store().keys()).containsExactly("plain");
            }
        }
    }
}
