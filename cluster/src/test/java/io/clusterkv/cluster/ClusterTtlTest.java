package io.clusterkv.cluster;

import io.clusterkv.cluster.testing.SharedCluster;
import io.clusterkv.core.KvStore;
import io.clusterkv.core.contract.TtlContract;
import io.clusterkv.core.testing.ManualTimeSource;

/** TTL behaviour on a manual clock, on a 3-node cluster: same results and errors as the local store, and every replica agrees after. */
class ClusterTtlTest extends TtlContract {
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
