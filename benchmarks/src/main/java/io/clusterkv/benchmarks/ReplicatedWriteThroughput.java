package io.clusterkv.benchmarks;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.JGroupsStack;
import io.clusterkv.core.KvStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Acknowledged replicated writes per second on an in-JVM cluster (shared loopback transport), with and without
 * batching, for several numbers of client threads spread evenly over the nodes. Each client loops one operation
 * and waits for it to be applied on its node, as a caller of the store does; the latency of every call is kept.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.clusterkv.benchmarks.ReplicatedWriteThroughput \
 *     --nodes 3 --threads 1,8,32 --op increment --warmup 3 --seconds 10 --batching both
 * </pre>
 *
 * Not a test: it prints a table and writes {@code benchmarks/results/replicated-writes.json}.
 */
public final class ReplicatedWriteThroughput {

    /** One measured configuration. */
    record Row(String operation, boolean batching, int nodes, int threads, double opsPerSecond, double p50Micros,
               double p99Micros, double p999Micros, long errors) {
    }

    private ReplicatedWriteThroughput() {
    }

    /** Runs the configurations given by the arguments (see the class comment). */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int nodes = Integer.parseInt(options.getOrDefault("nodes", "3"));
        int[] threadCounts = Arrays.stream(options.getOrDefault("threads", "1,8,32").split(","))
            .mapToInt(Integer::parseInt).toArray();
        String operation = options.getOrDefault("op", "increment");
        int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup", "3"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        String batching = options.getOrDefault("batching", "both");
        Path output = Path.of(options.getOrDefault("out", "benchmarks/results/replicated-writes.json"));

        List<Boolean> modes = switch (batching) {
            case "both" -> List.of(false, true);
            case "true", "on" -> List.of(true);
            case "false", "off" -> List.of(false);
            default -> throw new IllegalArgumentException("--batching must be both, on or off: " + batching);
        };
        List<Row> rows = new ArrayList<>();
        int runs = modes.size() * threadCounts.length;
        int run = 0;
        for (boolean batched : modes) {
            for (int threads : threadCounts) {
                run++;
                System.out.printf(Locale.ROOT, "[%d/%d] %s, %s, %d nodes, %d client threads: warming up %d s, "
                    + "measuring %d s%n", run, runs, operation, batched ? "batched" : "one message per write", nodes,
                    threads, warmupSeconds, seconds);
                Row row = measure(operation, batched, nodes, threads, warmupSeconds, seconds);
                rows.add(row);
                System.out.printf(Locale.ROOT, "      %,.0f ops/s, p50 %.0f us, p99 %.0f us, p999 %.0f us, %d errors%n",
                    row.opsPerSecond(), row.p50Micros(), row.p99Micros(), row.p999Micros(), row.errors());
            }
        }
        printTable(rows);
        writeJson(rows, output);
    }

    static Row measure(String operation, boolean batching, int nodeCount, int threads, int warmupSeconds,
                       int seconds) throws InterruptedException {
        String cluster = "bench-" + UUID.randomUUID();
        List<ClusterNode> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= nodeCount; i++) {
                nodes.add(ClusterNode.builder().clusterName(cluster).nodeName("bench-" + i)
                    .stack(JGroupsStack.sharedLoopback()).batching(batching).writeTimeout(Duration.ofSeconds(30))
                    .start());
            }
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            Client[] clients = new Client[threads];
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                KvStore store = nodes.get(t % nodeCount).store();
                clients[t] = new Client(store, operation, t, measuring, running, done);
                Thread thread = new Thread(clients[t], "client-" + t);
                thread.setDaemon(true);
                thread.start();
            }
            Thread.sleep(warmupSeconds * 1000L);
            long started = System.nanoTime();
            measuring.set(true);
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            long elapsed = System.nanoTime() - started;
            running.set(false);
            done.await();
            long operations = 0;
            long errors = 0;
            int samples = 0;
            for (Client client : clients) {
                operations += client.operations;
                errors += client.errors;
                samples += client.latencyCount;
            }
            long[] latencies = new long[samples];
            int at = 0;
            for (Client client : clients) {
                System.arraycopy(client.latencies, 0, latencies, at, client.latencyCount);
                at += client.latencyCount;
            }
            Arrays.sort(latencies);
            return new Row(operation, batching, nodeCount, threads, operations * 1e9 / elapsed,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999), errors);
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    private static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1000.0;
    }

    /** One caller looping an operation; counts and latencies only while measuring. */
    private static final class Client implements Runnable {
        private final KvStore store;
        private final String operation;
        private final int id;
        private final AtomicBoolean measuring;
        private final AtomicBoolean running;
        private final CountDownLatch done;
        long operations;
        long errors;
        long[] latencies = new long[1 << 16];
        int latencyCount;

        Client(KvStore store, String operation, int id, AtomicBoolean measuring, AtomicBoolean running,
               CountDownLatch done) {
            this.store = store;
            this.operation = operation;
            this.id = id;
            this.measuring = measuring;
            this.running = running;
            this.done = done;
        }

        @Override
        public void run() {
            String key = "counter:" + (id % 4);
            String value = "v".repeat(32);
            Map<String, Object> pairs = Map.of("m:" + id + ":a", value, "m:" + id + ":b", value, "m:" + id + ":c",
                value);
            long i = 0;
            try {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        switch (operation) {
                            case "increment" -> store.increment(key);
                            case "set" -> store.set("key:" + id + ":" + (i++ & 1023), value);
                            case "mset" -> store.mset(pairs);
                            default -> throw new IllegalArgumentException("unknown --op " + operation);
                        }
                    } catch (RuntimeException failed) {
                        if (measuring.get()) {
                            errors++;
                        }
                        continue;
                    }
                    if (measuring.get()) {
                        operations++;
                        record(System.nanoTime() - start);
                    }
                }
            } finally {
                done.countDown();
            }
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }
    }

    private static void printTable(List<Row> rows) {
        System.out.println();
        System.out.println("| operation | batching | nodes | client threads | ops/s | p50 (us) | p99 (us) | p999 (us) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %,.0f | %.0f | %.0f | %.0f |%n", row.operation(),
                row.batching() ? "on" : "off", row.nodes(), row.threads(), row.opsPerSecond(), row.p50Micros(),
                row.p99Micros(), row.p999Micros());
        }
    }

    private static void writeJson(List<Row> rows, Path output) throws IOException {
        String json = rows.stream().map(row -> String.format(Locale.ROOT,
            "  {\"operation\": \"%s\", \"batching\": %s, \"nodes\": %d, \"threads\": %d, \"opsPerSecond\": %.1f, "
                + "\"p50Micros\": %.1f, \"p99Micros\": %.1f, \"p999Micros\": %.1f, \"errors\": %d}",
            row.operation(), row.batching(), row.nodes(), row.threads(), row.opsPerSecond(), row.p50Micros(),
            row.p99Micros(), row.p999Micros(), row.errors())).collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        Files.writeString(output, json);
        System.out.println("results written to " + output);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("arguments are --name value pairs: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
