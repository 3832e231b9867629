package io.clusterkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.testing.TestCluster;
import io.clusterkv.core.KvException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jgroups.BytesMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Only registered classes travel; what does not decode is skipped and counted, and nodes keep running. */
class SafeSerializationTest {
    private final TestCluster cluster = new TestCluster();

    /** A class the cluster has not registered. */
    record Secret(String value) {
    }

    /** A class one test registers. */
    record Point(int x, int y) {
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void set_unregisteredClass_failsAtTheCallerAndSendsNothing() {
        List<ClusterNode> nodes = cluster.startNodes(2);
        long indexBefore = nodes.get(0).digest().appliedIndex();

        assertThatThrownBy(() -> nodes.get(0).store().set("k", new Secret("x")))
            .isInstanceOf(UnregisteredClassException.class)
            .hasMessageContaining(Secret.class.getName()).hasMessageContaining("not registered");
        assertThatThrownBy(() -> nodes.get(0).store().mset(Map.of("ok", 1, "bad", List.of(new Secret("x")))))
            .isInstanceOf(UnregisteredClassException.class);

        nodes.get(1).store().set("after", 1);
        TestCluster.awaitConverged(nodes);
        assertThat(nodes.get(0).digest().appliedIndex()).as("only the later write was ordered")
            .isEqualTo(indexBefore + 1);
        assertThat(nodes.get(0).store().exists("k")).isFalse();
        assertThat(nodes.get(0).store().exists("ok")).isFalse();
    }

    @Test
    void set_registeredClass_isReplicated() {
        ClusterNode a = cluster.start("a", b -> b.registerClasses(Point.class));
        ClusterNode b = cluster.start("b", builder -> builder.registerClasses(Point.class));

        a.store().set("p", new Point(1, 2));

        TestCluster.awaitConverged(List.of(a, b));
        assertThat(b.store().get("p")).isEqualTo(new Point(1, 2));
    }

    @Test
    void start_nodeRegisteringOtherClasses_isRefusedWithAClearError() {
        cluster.start("a", b -> b.registerClasses(Point.class));

        assertThatThrownBy(() -> cluster.start("b", builder -> builder.joinTimeout(Duration.ofSeconds(10))))
            .isInstanceOf(KvException.class).hasMessageContaining("register the same classes");
    }

    @Test
    void garbageInTheOrderedStream_isSkippedAndCountedAndNodesKeepServing() throws Exception {
        List<ClusterNode> nodes = cluster.startNodes(3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        nodes.get(2).meterBinder().bindTo(registry);

        byte[] notABatch = {42, 1, 2, 3};
        byte[] batchWithUnknownCommand = {1, 0, 0, 0, 0, 0, 0, 0, 7, 1, 1, 1, 2, 99, 5};
        nodes.get(1).jgroupsChannel().send(new BytesMessage(null, notABatch));
        nodes.get(1).jgroupsChannel().send(new BytesMessage(null, batchWithUnknownCommand));
        nodes.get(0).jgroupsChannel().send(new BytesMessage(nodes.get(2).jgroupsChannel().getAddress(), notABatch));

        await().atMost(Duration.ofSeconds(10)).until(() ->
            registry.get("clusterkv.commands.malformed").functionCounter().count() >= 3);
        nodes.get(0).store().set("still", "working");
        assertThat(nodes.get(2).store().increment("n")).isEqualTo(1);
        TestCluster.awaitConverged(nodes);
        assertThat(nodes.get(1).store().get("still")).isEqualTo("working");
    }
}
