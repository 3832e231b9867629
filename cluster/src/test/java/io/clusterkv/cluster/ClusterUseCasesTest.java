package io.clusterkv.cluster;

import io.clusterkv.cluster.testing.SharedCluster;
import io.clusterkv.core.KvStore;
import io.clusterkv.core.contract.UseCasesContract;
import io.clusterkv.core.testing.ManualTimeSource;

/** The specification's use cases, on a 3-node cluster: same results and errors as the local store, and every replica agrees after. */
class ClusterUseCasesTest extends UseCasesContract {
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
