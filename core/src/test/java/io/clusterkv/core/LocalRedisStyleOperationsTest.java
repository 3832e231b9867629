package io.clusterkv.core;

import io.clusterkv.core.contract.RedisStyleOperationsContract;
import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;

/** SET options, GETDEL and PERSIST, on the local store. */
class LocalRedisStyleOperationsTest extends RedisStyleOperationsContract {
    @Override
    protected KvStore openStore(ManualTimeSource clock) {
        return LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ZERO).build();
    }
}
