package io.clusterkv.cluster;

import io.clusterkv.cluster.testing.SharedCluster;
import io.clusterkv.core.KvStore;
import io.clusterkv.core.contract.RedisStyleOperationsContract;
import io.clusterkv.core.testing.ManualTimeSource;

/** SET options, GETDEL and PERSIST, on a 3-node cluster: same results and errors as the local store, and every replica agrees after. */
class ClusterRedisStyleOperationsTest extends RedisStyleOperationsContract {
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
