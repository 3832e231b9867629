package io.clusterkv.cluster.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: a write the old coordinator ordered and delivered to some members, but not back to its sender, is
 * re-sent by the sender's SEQUENCER to the new coordinator. SEQUENCER's own duplicate filter then dropped it on the
 * members that had seen it and delivered it on the others, so replicas ended at different applied indices (same
 * data, diverging streams). Found by CrashAndLeaveTest's graceful-leave case; fixed by turning that filter off and
 * de-duplicating by (origin, request id) only.
 */
class ResentWriteAfterCoordinatorCrashTest {
    private final TestCluster cluster = new TestCluster(io.clusterkv.core.TimeSource.system(),
        builder -> builder.writeTimeout(Duration.ofSeconds(20)));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void crash_coordinatorAfterOrderingAWriteItsSenderNeverSaw_replicasKeepTheSameStream() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        ClusterNode coordinator = nodes.get(0);
        ClusterNode witness = nodes.get(1);
        ClusterNode sender = nodes.get(2);
        sender.store().set("warm-up", 1); // leaves SEQUENCER's acknowledged mode for the sender
        for (int i = 0; i < 20; i++) {
            sender.store().increment("warm-up");
        }
        TestCluster.awaitConverged(nodes);
        long witnessIndex = witness.digest().appliedIndex();

        DISCARD fromCoordinator = new DISCARD();
        fromCoordinator.addIgnoreMember(coordinator.jgroupsChannel().getAddress());
        sender.jgroupsChannel().getProtocolStack().insertProtocol(fromCoordinator, ProtocolStack.Position.ABOVE,
            TP.class);
        CompletableFuture<Long> write = sender.store().incrementAsync("resent", 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> witness.digest().appliedIndex() > witnessIndex);

        cluster.crash(coordinator);
        fromCoordinator.removeIgnoredMember(coordinator.jgroupsChannel().getAddress());

        assertThat(write.get()).isEqualTo(1);
        List<ClusterNode> survivors = List.of(witness, sender);
        TestCluster.awaitMembers(survivors);
        TestCluster.awaitConverged(survivors);
        assertThat(witness.store().get("resent")).isEqualTo(1L);
    }
}
