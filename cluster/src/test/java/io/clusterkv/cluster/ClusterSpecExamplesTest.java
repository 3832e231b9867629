package io.clusterkv.cluster;

import io.clusterkv.cluster.testing.SharedCluster;
import io.clusterkv.core.KvStore;
import io.clusterkv.core.contract.SpecExamplesContract;
import io.clusterkv.core.testing.ManualTimeSource;

/** The specification's examples, on a 3-node cluster: same results and errors as the local store, and every replica agrees after. */
class ClusterSpecExamplesTest extends SpecExamplesContract {
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
