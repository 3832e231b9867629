package io.clusterkv.cluster.testing;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.core.KvStore;
import io.clusterkv.core.contract.ValueSnapshotContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;
import java.util.List;

/**
 * One 3-node cluster on a manual clock, shared by the store contracts run against a cluster (starting a cluster per
 * test would dominate the run). Each test gets node 1's store, cleared; after each test all replicas must agree.
 */
public final class SharedCluster {
    private static final ManualTimeSource CLOCK = new ManualTimeSource();
    private static List<ClusterNode> nodes;

    private SharedCluster() {
    }

    private static synchronized List<ClusterNode> nodes() {
        if (nodes == null) {
            TestCluster cluster = new TestCluster(CLOCK, builder -> builder.sweepInterval(Duration.ZERO)
                .registerClasses(ValueSnapshotContract.Profile.class));
            nodes = cluster.startNodes(3);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return nodes;
    }

    /** @return the clock every node reads */
    public static ManualTimeSource clock() {
        return CLOCK;
    }

    /** @return node 1's store, after a replicated clear that every replica has applied */
    public static KvStore emptyStore() {
        KvStore store = nodes().get(0).store();
        store.clear();
        TestCluster.awaitConverged(nodes());
        return store;
    }

    /** Waits until every replica has applied the same stream and holds the same state. */
    public static void awaitReplicasAgree() {
        TestCluster.awaitConverged(nodes());
    }
}
