package io.clusterkv.core;

import io.clusterkv.core.contract.ValueSnapshotContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;

/** Values stay snapshots, on the local store. */
class LocalValueSnapshotTest extends ValueSnapshotContract {
    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ZERO).build();
    }
}
