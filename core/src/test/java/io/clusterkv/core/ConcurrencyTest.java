package io.clusterkv.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrency claims of the local store, checked with many threads and exact expected results. */
class ConcurrencyTest {
    private final LocalKvStore kv = LocalKvStore.builder().sweepInterval(Duration.ZERO).build();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        kv.close();
    }

    @Test
    void increment_eightThreadsHundredThousandEachWithReaders_endsAtExactly800000() throws Exception {
        int writers = 8;
        int perWriter = 100_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong readsSeen = new AtomicLong();
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                long last = 0;
                while (writing.get()) {
                    Long seen = kv.get("hits", Long.class);
                    long current = seen == null ? 0 : seen;
                    assertThat(current).as("a counter never goes backwards").isGreaterThanOrEqualTo(last);
                    last = current;
                    readsSeen.incrementAndGet();
                }
            }));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perWriter; i++) {
                    kv.increment("hits");
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(2, TimeUnit.MINUTES);
        }
        writing.set(false);
        for (Future<?> reader : readers) {
            reader.get(1, TimeUnit.MINUTES);
        }

        assertThat(kv.get("hits")).isEqualTo(800_000L);
        assertThat(readsSeen.get()).isPositive();
    }

    @Test
    void mset_concurrentReaders_neverSeePartOfIt() throws Exception {
        List<String> keys = List.of("a", "b", "c", "d");
        kv.mset(pairs(keys, 0));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> readers = new ArrayList<>();
        readers.add(pool.submit(() -> {
            while (writing.get()) {
                List<Object> seen = kv.mget(keys);
                assertThat(seen).as("mget sees one mset").containsOnly(seen.get(0));
            }
        }));
        readers.add(pool.submit(() -> {
            while (writing.get()) {
                Map<String, Object> seen = kv.dump();
                assertThat(seen.values()).as("dump sees one mset").containsOnly(seen.get("a"));
            }
        }));
        readers.add(pool.submit(() -> {
            // Single-key reads in sequence: once a later generation is seen, no key may show an older one.
            long newest = 0;
            while (writing.get()) {
                for (String key : keys) {
                    long seen = kv.get(key, Long.class);
                    assertThat(seen).as("generation of " + key).isGreaterThanOrEqualTo(newest);
                    newest = seen;
                }
            }
        }));
        for (long generation = 1; generation <= 20_000; generation++) {
            kv.mset(pairs(keys, generation));
        }
        writing.set(false);
        for (Future<?> reader : readers) {
            reader.get(1, TimeUnit.MINUTES);
        }
    }

    private static Map<String, Object> pairs(List<String> keys, long generation) {
        Map<String, Object> pairs = new HashMap<>();
        for (String key : keys) {
            pairs.put(key, generation);
        }
        return pairs;
    }
}
