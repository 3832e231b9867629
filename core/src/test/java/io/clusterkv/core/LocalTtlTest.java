package io.clusterkv.core;

import io.clusterkv.core.contract.TtlContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;

/** TTL behaviour on a manual clock, on the local store. */
class LocalTtlTest extends TtlContract {
    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ZERO).build();
    }
}
