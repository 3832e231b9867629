package io.clusterkv.benchmarks.replicated;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replicated writes of one or more systems, run in this JVM one after the other: for each system, start its nodes,
 * fill the key space, then for each operation and number of client threads warm up and measure
 * ({@link WriteLoad}). {@link ReplicatedComparison} forks one of these per system; run alone, it prints a table and
 * writes JSON, e.g. clusterkv with and without batching on the in-JVM transport:
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/replicated-classpath/clusterkv.classpath)" \
 *     io.clusterkv.benchmarks.replicated.ReplicatedWriteThroughput \
 *     --systems clusterkv-unbatched-shared-loopback,clusterkv-shared-loopback --ops increment --threads 1,8,32
 * </pre>
 *
 * Options: {@code --systems} (ids of {@link Systems}; default {@code clusterkv}), {@code --ops} (default
 * {@code set,increment,mset}), {@code --threads} (default {@code 1,8,32}), {@code --nodes} (3), {@code --warmup}
 * and {@code --seconds} (3 and 9), {@code --keys} (16384), {@code --out} (JSON file; default
 * {@code benchmarks/results/replicated-writes.json}). With {@code --emit-lines true} it prints each result as a
 * line for the comparison instead ({@link Measurement#toLine()}), and at the end the CPU it used.
 */
public final class ReplicatedWriteThroughput {
    static final String SYSTEM_PREFIX = "SYSTEM\t";
    static final String CPU_PREFIX = "CPU\t";
    private static final Set<String> OPTIONS = Set.of("systems", "ops", "threads", "nodes", "warmup", "seconds",
        "keys", "out", "emit-lines", "progress-offset", "progress-total");

    private ReplicatedWriteThroughput() {
    }

    /**
     * Runs the configurations the arguments give (see the class comment).
     *
     * @throws IllegalArgumentException for bad arguments
     * @throws IOException              if the results cannot be written
     * @throws InterruptedException     if interrupted while measuring
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args, OPTIONS);
        Plan plan = Plan.of(options);
        boolean emitLines = Boolean.parseBoolean(options.text("emit-lines", "false"));
        int offset = options.number("progress-offset", 0);
        int total = options.number("progress-total", plan.runs());
        List<Measurement> rows = new ArrayList<>();
        Map<String, String> descriptions = new java.util.LinkedHashMap<>();
        int run = offset;
        double processesCpu = 0;
        for (String id : plan.systems()) {
            ReplicatedSystem created = Systems.create(id);
            try (ReplicatedSystem system = created) {
                long started = System.nanoTime();
                system.start(plan.nodes());
                WriteLoad.fill(system, plan.keys());
                descriptions.put(id, system.description());
                System.out.printf(Locale.ROOT, "%s: %d nodes up and %,d + %,d keys written in %.1f s; %s%n",
                    system.name(), plan.nodes(), plan.keys().plain().length, plan.keys().counters().length,
                    (System.nanoTime() - started) / 1e9, system.description());
                if (emitLines) {
                    System.out.println(SYSTEM_PREFIX + id + "\t" + system.description());
                }
                for (Operation operation : plan.operations()) {
                    for (int threads : plan.threadCounts()) {
                        run++;
                        Measurement row = measure(id, system, operation, threads, plan, run, total);
                        rows.add(row);
                        if (emitLines) {
                            System.out.println(row.toLine());
                        }
                    }
                }
            }
            processesCpu += created.processesCpuSeconds();
        }
        if (emitLines) {
            System.out.println(CPU_PREFIX + (CpuMeter.ownCpuSeconds() + processesCpu));
        } else {
            System.out.println();
            System.out.print(Report.markdown(rows));
            Path out = Path.of(options.text("out", "benchmarks/results/replicated-writes.json"));
            Report.writeJson(out, rows, descriptions, plan.settings(), Map.of());
            System.out.println("results written to " + out);
        }
    }

    private static Measurement measure(String id, ReplicatedSystem system, Operation operation, int threads,
                                       Plan plan, int run, int total) throws InterruptedException {
        String what = String.format(Locale.ROOT, "[%d/%d] %s, %s, %d client thread%s", run, total, system.name(),
            operation.label(), threads, threads == 1 ? "" : "s");
        Optional<String> unsupported = system.unsupported(operation);
        if (unsupported.isPresent()) {
            System.out.println(what + ": n/a, " + unsupported.get());
            return Measurement.unsupported(id, system.name(), operation.label(), threads, unsupported.get());
        }
        System.gc();
        System.out.printf(Locale.ROOT, "%s: warming up %d s, then measuring %d s%n", what,
            plan.window().warmupSeconds(), plan.window().seconds());
        Measurement row = WriteLoad.run(id, system, plan.nodes(), operation, threads, plan.keys(), plan.window());
        System.out.printf(Locale.ROOT, "      %,.0f ops/s, p50 %.0f us, p99 %.0f us, p999 %.0f us, %d errors%s; "
                + "this JVM used %.2f cores, other processes %.2f%n", row.opsPerSecond(), row.p50Micros(),
            row.p99Micros(), row.p999Micros(), row.errors(), row.errors() > 0 ? " (first: " + row.firstError() + ")"
                : "", row.ownCpuCores(), row.othersCpuCores());
        return row;
    }

    /** What to run, from the options. */
    record Plan(List<String> systems, List<Operation> operations, int[] threadCounts, int nodes, WriteLoad.Keys keys,
                WriteLoad.Window window) {

        static Plan of(Options options) {
            List<String> systems = options.list("systems", "clusterkv");
            systems.forEach(Systems::known);
            int nodes = options.number("nodes", 3);
            if (nodes < 1) {
                throw new IllegalArgumentException("--nodes must be at least 1: " + nodes);
            }
            return new Plan(systems, options.list("ops", "set,increment,mset").stream().map(Operation::of).toList(),
                options.numbers("threads", "1,8,32"), nodes, WriteLoad.Keys.of(options.number("keys", 16_384)),
                new WriteLoad.Window(options.number("warmup", 3), options.number("seconds", 9)));
        }

        int runs() {
            return systems.size() * operations.size() * threadCounts.length;
        }

        /** @return the settings as written to the results */
        Map<String, Object> settings() {
            return Map.of("nodes", nodes, "warmupSeconds", window.warmupSeconds(), "seconds", window.seconds(),
                "keys", keys.plain().length, "valueBytes", keys.value().length, "threads",
                java.util.Arrays.stream(threadCounts).boxed().toList(), "operations",
                operations.stream().map(Operation::label).toList());
        }
    }
}
