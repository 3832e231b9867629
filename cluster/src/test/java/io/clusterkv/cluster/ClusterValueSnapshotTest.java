package io.clusterkv.cluster;

import io.clusterkv.cluster.testing.SharedCluster;
import io.clusterkv.core.KvStore;
import io.clusterkv.core.contract.ValueSnapshotContract;
import io.clusterkv.core.testing.ManualTimeSource;

/** Values stay snapshots, on a 3-node cluster: same results and errors as the local store, and every replica agrees after. */
class ClusterValueSnapshotTest extends ValueSnapshotContract {
    @Override
    protected ManualTimeSource newClock() {
        return SharedCluster.clock();
    }

    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return SharedCluster.emptyStore();
    }

    @Override
    protected void releaseStore(KvStore store) {
        SharedCluster.awaitReplicasAgree();
    }
}
