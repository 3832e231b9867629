package io.clusterkv.core;

import io.clusterkv.core.contract.ErrorCasesContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;

/** The documented errors, on the local store. */
class LocalErrorCasesTest extends ErrorCasesContract {
    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ZERO).build();
    }
}
