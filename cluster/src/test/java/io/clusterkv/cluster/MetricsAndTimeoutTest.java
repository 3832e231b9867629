package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.cluster.testing.TestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Meters a node publishes, and the write timeout that reports an unknown outcome. */
class MetricsAndTimeoutTest {
    private final TestCluster cluster = new TestCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void meterBinder_afterOperations_publishesOperationsLatencyMembersTransfersAndBytes() {
        List<ClusterNode> nodes = cluster.startNodes(3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ClusterNode node = nodes.get(1);
        node.meterBinder().bindTo(registry);

        node.store().set("a", 1);
        node.store().increment("n");
        node.store().increment("n");
        node.store().get("a");
        node.store().get("missing");

        assertThat(registry.get("clusterkv.operations").tag("type", "increment").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("clusterkv.operations").tag("type", "set").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("clusterkv.replication.latency").timer().count()).isEqualTo(3);
        assertThat(registry.get("clusterkv.commands.applied").functionCounter().count()).isGreaterThanOrEqualTo(3);
        assertThat(registry.get("clusterkv.members").gauge().value()).isEqualTo(3);
        assertThat(registry.get("clusterkv.ready").gauge().value()).isEqualTo(1);
        assertThat(registry.get("clusterkv.bytes.sent").functionCounter().count()).isPositive();
        assertThat(registry.get("clusterkv.hits").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("clusterkv.misses").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("clusterkv.state.transfers").tag("role", "joiner").functionCounter().count())
            .as("counted before the registry was bound").isEqualTo(1);
        assertThat(registry.get("clusterkv.expirations").functionCounter().count()).isZero();
    }

    @Test
    void write_notDeliveredWithinTimeout_failsSayingTheOutcomeIsUnknown() throws Exception {
        ClusterNode coordinator = cluster.start("coordinator");
        ClusterNode deaf = cluster.start("deaf", b -> b.writeTimeout(Duration.ofMillis(500)));
        TestCluster.awaitMembers(List.of(coordinator, deaf));
        DISCARD dropIncoming = new DISCARD();
        dropIncoming.addIgnoreMember(coordinator.jgroupsChannel().getAddress());
        deaf.jgroupsChannel().getProtocolStack().insertProtocol(dropIncoming, ProtocolStack.Position.ABOVE, TP.class);

        assertThatThrownBy(() -> deaf.store().set("k", "v")).isInstanceOf(WriteOutcomeUnknownException.class)
            .hasMessage("set of k was not confirmed within 500 ms; its outcome is unknown");

        dropIncoming.removeIgnoredMember(coordinator.jgroupsChannel().getAddress());
        TestCluster.awaitConverged(List.of(coordinator, deaf));
        assertThat(deaf.store().get("k")).as("it was applied after all").isEqualTo("v");
    }
}
