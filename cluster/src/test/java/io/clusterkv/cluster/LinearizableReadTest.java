package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.Partitions;
import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.core.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A linearizable read is ordered with the writes: it sees every write acknowledged anywhere before it began. */
class LinearizableReadTest {
    private final TestCluster cluster = new TestCluster(TimeSource.system(), builder -> builder.expectedSize(3));

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void getLinearizable_onALaggingReplica_seesTheWriteAcknowledgedElsewhere() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        ClusterNode lagging = nodes.get(2);
        // Hold back the lagging replica's copy of the coordinator's order, so its plain reads are stale.
        DISCARD fromCoordinator = new DISCARD();
        fromCoordinator.addIgnoreMember(nodes.get(0).jgroupsChannel().getAddress());
        lagging.jgroupsChannel().getProtocolStack().insertProtocol(fromCoordinator, ProtocolStack.Position.ABOVE,
            TP.class);

        nodes.get(1).store().set("k", "new");
        assertThat(lagging.store().get("k")).as("a plain read on the lagging replica").isNull();

        var read = lagging.store().getLinearizable("k");
        fromCoordinator.removeIgnoredMember(nodes.get(0).jgroupsChannel().getAddress());

        assertThat(read.get()).isEqualTo("new");
    }

    @Test
    void getLinearizable_missingKey_isNull() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);

        assertThat(nodes.get(0).store().getLinearizable("missing").get()).isNull();
    }

    @Test
    void getLinearizable_inAPartWithoutQuorum_isRefused() {
        List<ClusterNode> nodes = cluster.startNodes(3);
        Partitions partitions = new Partitions(nodes);
        partitions.split(List.of(nodes.get(0), nodes.get(1)), List.of(nodes.get(2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(2).view().members().size() == 1);

        assertThatThrownBy(() -> nodes.get(2).store().getLinearizable("k").get())
            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(NoQuorumException.class);
        partitions.heal();
    }
}
