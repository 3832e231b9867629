package io.clusterkv.benchmarks.replicated;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Client threads looping one operation against a started {@link ReplicatedSystem}, the same loop for every system.
 *
 * <p>Design: closed loop, as a caller of an embedded store is: each client thread issues one call, waits for its
 * acknowledgement, and issues the next, so throughput is what the system acknowledges, and latency is the time of
 * each call as its caller sees it (no coordinated-omission correction: a stall shows as fewer calls, and in the
 * tail only once). Client {@code t} calls node {@code (t + 1) % nodes}, so one client uses the second node (for
 * clusterkv not the coordinator, which orders every write) and more clients spread evenly. Keys are drawn uniformly
 * from a fixed key space by a per-thread random generator; every key exists before measuring
 * ({@link #fill(ReplicatedSystem, Keys)}). Each run warms up with the same load, then measures a window; counts and
 * latencies are kept per thread, without sharing, and merged afterwards. A client whose call has not returned when
 * the window ends is waited for: if some never return, the run reports how many stalled rather than hang.
 */
final class WriteLoad {
    private static final int FILL_CHUNK = 256;

    /** The key space and the value every write stores. */
    record Keys(String[] plain, String[] counters, byte[] value) {

        /**
         * @param count how many keys of each kind: plain keys hold 32-byte values (set, mset), counter keys hold
         *              longs (increment)
         * @return keys of 16 characters ({@code key:000000000042}, {@code ctr:000000000042}) and one 32-byte value
         */
        static Keys of(int count) {
            if (count < 3) {
                throw new IllegalArgumentException("key space must have at least 3 keys: " + count);
            }
            String[] plain = new String[count];
            String[] counters = new String[count];
            for (int i = 0; i < count; i++) {
                plain[i] = String.format(Locale.ROOT, "key:%012d", i);
                counters[i] = String.format(Locale.ROOT, "ctr:%012d", i);
            }
            byte[] value = new byte[32];
            new SplittableRandom(42).nextBytes(value);
            return new Keys(plain, counters, value);
        }
    }

    /** How long to warm up and to measure, in seconds. */
    record Window(int warmupSeconds, int seconds) {
        Window {
            if (warmupSeconds < 0 || seconds <= 0) {
                throw new IllegalArgumentException("warm-up must be >= 0 and measurement > 0 seconds: "
                    + warmupSeconds + ", " + seconds);
            }
        }
    }

    private WriteLoad() {
    }

    /** Writes every plain key (the value) and every counter (0) through node 0, in chunks. */
    static void fill(ReplicatedSystem system, Keys keys) {
        Map<String, Object> chunk = new HashMap<>();
        for (int i = 0; i < keys.plain().length; i++) {
            chunk.put(keys.plain()[i], keys.value());
            chunk.put(keys.counters()[i], 0L);
            if (chunk.size() >= FILL_CHUNK) {
                system.mset(0, chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            system.mset(0, chunk);
        }
    }

    /**
     * Runs {@code threads} clients of {@code operation} against {@code system}, warms up, measures.
     *
     * @return the measurement; stalled clients are counted as errors and named in its first error
     * @throws InterruptedException if interrupted while waiting
     */
    static Measurement run(String systemId, ReplicatedSystem system, int nodes, Operation operation, int threads,
                           Keys keys, Window window) throws InterruptedException {
        Phase phase = new Phase();
        Client[] clients = new Client[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            clients[t] = new Client(system, (t + 1) % nodes, operation, keys, new SplittableRandom(1_000L + t), phase);
            workers[t] = new Thread(clients[t], "client-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        TimeUnit.SECONDS.sleep(window.warmupSeconds());
        CpuMeter.Reading before = CpuMeter.read(system.processesCpuSeconds());
        phase.value = Phase.MEASURE;
        TimeUnit.SECONDS.sleep(window.seconds());
        phase.value = Phase.STOP;
        CpuMeter.Reading after = CpuMeter.read(system.processesCpuSeconds());
        int stalled = awaitClients(workers);
        return summarize(systemId, system.name(), operation, threads, clients, before, after, stalled);
    }

    private static int awaitClients(Thread[] workers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int stalled = 0;
        for (Thread worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (worker.isAlive()) {
                stalled++;
            }
        }
        return stalled;
    }

    private static Measurement summarize(String systemId, String system, Operation operation, int threads,
                                         Client[] clients, CpuMeter.Reading before, CpuMeter.Reading after,
                                         int stalled) {
        long operations = 0;
        long errors = stalled;
        int samples = 0;
        String firstError = stalled > 0 ? stalled + " client(s) stalled: a call did not return within 30 s of the end"
            : "";
        for (Client client : clients) {
            operations += client.operations;
            errors += client.errors;
            samples += client.latencyCount;
            if (firstError.isEmpty() && client.firstError != null) {
                firstError = client.firstError;
            }
        }
        long[] latencies = new long[samples];
        int at = 0;
        for (Client client : clients) {
            System.arraycopy(client.latencies, 0, latencies, at, client.latencyCount);
            at += client.latencyCount;
        }
        Arrays.sort(latencies);
        return new Measurement(systemId, system, operation.label(), threads,
            operations / after.wallSecondsSince(before), percentile(latencies, 0.50), percentile(latencies, 0.99),
            percentile(latencies, 0.999), operations, errors, firstError, after.ownCoresSince(before),
            after.othersCoresSince(before), "");
    }

    /** @return the nearest-rank percentile, in microseconds */
    static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1000.0;
    }

    /** What the clients do now; written by the driver, read by every client on every call. */
    private static final class Phase {
        static final int WARMUP = 0;
        static final int MEASURE = 1;
        static final int STOP = 2;
        volatile int value = WARMUP;
    }

    /** One caller looping an operation on one node; counts and latencies only while measuring. */
    private static final class Client implements Runnable {
        private final ReplicatedSystem system;
        private final int node;
        private final Operation operation;
        private final Keys keys;
        private final SplittableRandom random;
        private final Phase phase;
        long operations;
        long errors;
        String firstError;
        long[] latencies = new long[1 << 16];
        int latencyCount;

        Client(ReplicatedSystem system, int node, Operation operation, Keys keys, SplittableRandom random,
               Phase phase) {
            this.system = system;
            this.node = node;
            this.operation = operation;
            this.keys = keys;
            this.random = random;
            this.phase = phase;
        }

        @Override
        public void run() {
            int current;
            while ((current = phase.value) != Phase.STOP) {
                long start = System.nanoTime();
                try {
                    call();
                } catch (RuntimeException failed) {
                    if (current == Phase.MEASURE) {
                        errors++;
                        if (firstError == null) {
                            firstError = failed.toString();
                        }
                    }
                    continue;
                }
                long nanos = System.nanoTime() - start;
                if (current == Phase.MEASURE && phase.value == Phase.MEASURE) {
                    operations++;
                    record(nanos);
                }
            }
        }

        private void call() {
            switch (operation) {
                case SET -> system.set(node, keys.plain()[random.nextInt(keys.plain().length)], keys.value());
                case INCREMENT -> system.increment(node, keys.counters()[random.nextInt(keys.counters().length)]);
                case MSET -> system.mset(node, threeKeys());
            }
        }

        private Map<String, Object> threeKeys() {
            String[] plain = keys.plain();
            int a = random.nextInt(plain.length);
            int b;
            int c;
            do {
                b = random.nextInt(plain.length);
            } while (b == a);
            do {
                c = random.nextInt(plain.length);
            } while (c == a || c == b);
            return Map.of(plain[a], keys.value(), plain[b], keys.value(), plain[c], keys.value());
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }
    }
}
