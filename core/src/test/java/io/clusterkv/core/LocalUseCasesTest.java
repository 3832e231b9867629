package io.clusterkv.core;

import io.clusterkv.core.contract.UseCasesContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;

/** The specification's use cases, on the local store. */
class LocalUseCasesTest extends UseCasesContract {
    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ZERO).build();
    }
}
