package io.clusterkv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.core.testing.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The local store's background sweeper frees expired keys that nobody reads. */
class LocalKvStoreSweeperTest {
    private final ManualTimeSource clock = new ManualTimeSource();

    @Test
    void sweeper_expiredKeysNobodyReads_areRemovedAndCounted() {
        try (LocalKvStore swept = LocalKvStore.builder().timeSource(clock).sweepInterval(Duration.ofMillis(5))
            .sweepBatch(64).build()) {
            for (int i = 0; i < 1000; i++) {
                swept.setTTL("short:" + i, i, 1);
            }
            for (int i = 0; i < 100; i++) {
                swept.setTTL("long:" + i, i, 3600);
                swept.set("plain:" + i, i);
            }
            clock.advance(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> swept.stats().totalKeys() == 200);

            KvStats stats = swept.stats();
            assertThat(stats.expirations()).isEqualTo(1000);
            assertThat(stats.expiredKeys()).isZero();
            assertThat(stats.keysWithTtl()).isEqualTo(100);
            assertThat(stats.hits() + stats.misses()).as("the sweeper is not a reader").isZero();
        }
    }

}
