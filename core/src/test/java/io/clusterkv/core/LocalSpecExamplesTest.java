package io.clusterkv.core;

import io.clusterkv.core.contract.SpecExamplesContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;

/** The specification's examples, on the local store. */
class LocalSpecExamplesTest extends SpecExamplesContract {
    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ZERO).build();
    }
}
