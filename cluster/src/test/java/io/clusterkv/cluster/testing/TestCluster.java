package io.clusterkv.cluster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.JGroupsStack;
import io.clusterkv.cluster.StateDigest;
import io.clusterkv.core.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jgroups.util.Util;

/**
 * Several cluster nodes in this JVM on the shared-loopback transport, each with its own channel, for tests. Waits
 * use Awaitility, never sleeps.
 */
public final class TestCluster implements AutoCloseable {
    private final String clusterName = "test-" + UUID.randomUUID();
    private final TimeSource time;
    private final UnaryOperator<ClusterNode.Builder> defaults;
    private final List<ClusterNode> nodes = new ArrayList<>();

    /** A cluster on the system clock. */
    public TestCluster() {
        this(TimeSource.system(), builder -> builder);
    }

    /**
     * @param time     the clock of every node
     * @param defaults applied to every node's builder (e.g. registered classes, timeouts)
     */
    public TestCluster(TimeSource time, UnaryOperator<ClusterNode.Builder> defaults) {
        this.time = time;
        this.defaults = defaults;
    }

    /** Starts a node and waits until it holds the state. */
    public ClusterNode start(String name) {
        return start(name, builder -> builder);
    }

    /** Starts a node with extra settings and waits until it holds the state. */
    public ClusterNode start(String name, UnaryOperator<ClusterNode.Builder> settings) {
        ClusterNode.Builder builder = ClusterNode.builder().clusterName(clusterName).nodeName(name)
            .stack(JGroupsStack.sharedLoopback()).timeSource(time).joinTimeout(Duration.ofSeconds(30));
        ClusterNode node = settings.apply(defaults.apply(builder)).start();
        synchronized (nodes) {
            nodes.add(node);
        }
        return node;
    }

    /** Starts {@code count} nodes named n1, n2... one after the other and waits until all see each other. */
    public List<ClusterNode> startNodes(int count) {
        List<ClusterNode> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            started.add(start("n" + i));
        }
        awaitMembers(started);
        return started;
    }

    /** Waits until every given node sees exactly the given nodes as members. */
    public static void awaitMembers(List<ClusterNode> members) {
        Set<String> expected = members.stream().map(ClusterNode::name).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ClusterNode node : members) {
                assertThat(Set.copyOf(node.view().members())).as("members seen by " + node.name())
                    .isEqualTo(expected);
                assertThat(node.view().stableMembers()).as("stable membership seen by " + node.name())
                    .containsAll(expected);
            }
        });
    }

    /** Waits until every given node is ready and all report the same applied index and digest. */
    public static void awaitConverged(List<ClusterNode> members) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            StateDigest first = members.get(0).digest();
            for (ClusterNode node : members) {
                assertThat(node.isReady()).as(node.name() + " ready").isTrue();
                assertThat(node.digest()).as("digest of " + node.name() + " vs " + members.get(0).name())
                    .isEqualTo(first);
            }
        });
    }

    /** Simulates a crash: the node stops answering at once and its channel closes without a leave. */
    public void crash(ClusterNode node) throws Exception {
        Util.shutdown(node.jgroupsChannel());
        node.close();
        synchronized (nodes) {
            nodes.remove(node);
        }
    }

    /** Leaves gracefully. */
    public void stop(ClusterNode node) {
        node.close();
        synchronized (nodes) {
            nodes.remove(node);
        }
    }

    @Override
    public void close() {
        List<ClusterNode> toClose;
        synchronized (nodes) {
            toClose = new ArrayList<>(nodes);
            nodes.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }
}
