package io.clusterkv.benchmarks.replicated;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The replicated-write comparison: clusterkv against Infinispan and Hazelcast, same operations, keys, values and
 * client threads, in one run. Each system runs in a JVM of its own ({@link ReplicatedWriteThroughput}), forked with
 * the same JVM options, one after the other, on a classpath holding only that system: Infinispan needs its own
 * JGroups (5.4) and clusterkv another (5.5), and one JVM can load only one; a fresh JVM per system also keeps one
 * system's threads, heap and JIT state out of the next one's numbers. This JVM only reads their output; at the end
 * it prints one Markdown table and writes it with JSON under {@code benchmarks/results/}. Started by
 * {@code benchmarks/run-replicated.sh}, which builds the classpath files first.
 *
 * <p>Options: those of {@link ReplicatedWriteThroughput} ({@code --systems} defaults to {@link Systems#DEFAULT}),
 * plus {@code --classpath-dir} (the build's classpath files), {@code --classes} (the harness classes),
 * {@code --jvm-options} (for every forked JVM), {@code --out} (JSON; the table goes next to it as {@code .md}) and
 * {@code --revision} (recorded in the JSON).
 */
public final class ReplicatedComparison {
    private static final Set<String> OPTIONS = Set.of("systems", "ops", "threads", "nodes", "warmup", "seconds", "keys",
        "out", "classpath-dir", "classes", "jvm-options", "revision");
    private static final String DEFAULT_JVM_OPTIONS = "-Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch "
        + "-Djava.net.preferIPv4Stack=true --add-opens java.base/java.lang=ALL-UNNAMED "
        + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED "
        + "--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED "
        + "--add-exports java.base/jdk.internal.ref=ALL-UNNAMED";

    private ReplicatedComparison() {
    }

    /**
     * Runs the comparison the arguments give (see the class comment).
     *
     * @throws IllegalArgumentException for bad arguments
     * @throws IllegalStateException    if a system's JVM fails
     * @throws IOException              if a JVM cannot be started or the results cannot be written
     * @throws InterruptedException     if interrupted while waiting for a JVM
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args, OPTIONS);
        List<String> systems = options.list("systems", String.join(",", Systems.DEFAULT));
        systems.forEach(Systems::known);
        ReplicatedWriteThroughput.Plan plan = ReplicatedWriteThroughput.Plan.of(withSystems(args, systems));
        Path classpathDir = Path.of(options.text("classpath-dir", "benchmarks/target/replicated-classpath"));
        Path classes = Path.of(options.text("classes", "benchmarks/target/classes"));
        List<String> jvmOptions = Arrays.asList(options.text("jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+"));
        Path out = Path.of(options.text("out", "benchmarks/results/replicated-comparison.json"));

        int perSystem = plan.operations().size() * plan.threadCounts().length;
        System.out.printf(Locale.ROOT, "== replicated writes: %s; %s; %s client threads; %d nodes; %d s warm-up + "
                + "%d s measured per run, %d runs; one JVM per system (%s)%n", String.join(", ", systems),
            plan.operations().stream().map(Operation::label).toList(), Arrays.toString(plan.threadCounts()),
            plan.nodes(), plan.window().warmupSeconds(), plan.window().seconds(), perSystem * systems.size(),
            String.join(" ", jvmOptions));
        Instant started = Instant.now();
        CpuMeter.Reading before = CpuMeter.read();
        double childrenCpu = 0;
        List<Measurement> rows = new ArrayList<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, Object> interference = new LinkedHashMap<>();
        for (int i = 0; i < systems.size(); i++) {
            String id = systems.get(i);
            CpuMeter.Reading systemBefore = CpuMeter.read();
            Child child = runChild(id, classpath(id, classes, classpathDir), jvmOptions, args, i * perSystem,
                perSystem * systems.size(), plan);
            CpuMeter.Reading systemAfter = CpuMeter.read();
            childrenCpu += child.cpuSeconds;
            rows.addAll(child.rows);
            descriptions.putAll(child.descriptions);
            double others = othersSeconds(systemBefore, systemAfter, child.cpuSeconds);
            interference.put(id, Map.of("wallSeconds", systemAfter.wallSecondsSince(systemBefore),
                "otherProcessesCpuSeconds", others, "systemJvmCpuSeconds", child.cpuSeconds));
            System.out.println(othersLine(id, others, systemAfter.wallSecondsSince(systemBefore)));
        }
        CpuMeter.Reading after = CpuMeter.read();
        double others = othersSeconds(before, after, childrenCpu);
        String othersLine = othersLine("the whole run", others, after.wallSecondsSince(before));

        String table = Report.markdown(rows);
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.println(othersLine);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
        extra.put("revision", options.text("revision", "unknown"));
        extra.put("machine", machine());
        extra.put("jvmOptions", String.join(" ", jvmOptions));
        extra.put("interference", Map.of("line", othersLine, "otherProcessesCpuSeconds", others,
            "wallSeconds", after.wallSecondsSince(before), "perSystem", interference));
        Report.writeJson(out, rows, descriptions, plan.settings(), extra);
        Path markdown = Path.of(out.toString().replaceFirst("\\.json$", "") + ".md");
        Files.writeString(markdown, "Replicated writes, " + started.truncatedTo(ChronoUnit.SECONDS) + ", "
            + machine().get("cores") + " cores\n\n" + table + "\n" + othersLine + "\n");
        System.out.println("== results written to " + out + " and " + markdown);
    }

    private static Options withSystems(String[] args, List<String> systems) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (Set.of("ops", "threads", "nodes", "warmup", "seconds", "keys").contains(args[i].substring(2))) {
                kept.add(args[i]);
                kept.add(args[i + 1]);
            }
        }
        kept.add("--systems");
        kept.add(String.join(",", systems));
        return Options.parse(kept.toArray(String[]::new), Set.of("systems", "ops", "threads", "nodes", "warmup",
            "seconds", "keys"));
    }

    /** @return the harness classes, the system's jars (its classpath file) and its extra jars, if any */
    static String classpath(String id, Path classes, Path classpathDir) throws IOException {
        String group = Systems.known(id).classpath();
        Path file = classpathDir.resolve(group + ".classpath");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no classpath file " + file + ": build with mvn -B -pl benchmarks -am "
                + "package -DskipTests (benchmarks/run-replicated.sh does)");
        }
        List<String> entries = new ArrayList<>();
        entries.add(classes.toAbsolutePath().toString());
        Path extra = classpathDir.resolve(group + "-extra");
        if (Files.isDirectory(extra)) {
            try (Stream<Path> jars = Files.list(extra)) {
                jars.filter(jar -> jar.toString().endsWith(".jar")).sorted()
                    .forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
            }
        }
        entries.add(Files.readString(file).trim());
        return String.join(File.pathSeparator, entries);
    }

    /** What one system's JVM reported. */
    private record Child(List<Measurement> rows, Map<String, String> descriptions, double cpuSeconds) {
    }

    private static Child runChild(String id, String classpath, List<String> jvmOptions, String[] args, int offset,
                                  int total, ReplicatedWriteThroughput.Plan plan)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, ReplicatedWriteThroughput.class.getName(), "--systems", id,
            "--emit-lines", "true", "--progress-offset", Integer.toString(offset), "--progress-total",
            Integer.toString(total)));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (Set.of("ops", "threads", "nodes", "warmup", "seconds", "keys").contains(args[i].substring(2))) {
                command.add(args[i]);
                command.add(args[i + 1]);
            }
        }
        System.out.println("== " + id + ": starting its JVM");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Measurement> rows = new ArrayList<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        double cpu = Double.NaN;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(Measurement.LINE_PREFIX)) {
                    rows.add(Measurement.fromLine(line));
                } else if (line.startsWith(ReplicatedWriteThroughput.SYSTEM_PREFIX)) {
                    String[] fields = line.split("\t", 3);
                    descriptions.put(fields[1], fields[2]);
                } else if (line.startsWith(ReplicatedWriteThroughput.CPU_PREFIX)) {
                    cpu = Double.parseDouble(line.substring(ReplicatedWriteThroughput.CPU_PREFIX.length()));
                } else {
                    System.out.println("   " + line);
                }
            }
        }
        long budget = 120 + (long) plan.operations().size() * plan.threadCounts().length
            * (plan.window().warmupSeconds() + plan.window().seconds() + 40);
        if (!process.waitFor(budget, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(id + ": its JVM did not finish within " + budget + " s");
        }
        if (process.exitValue() != 0 || Double.isNaN(cpu)) {
            throw new IllegalStateException(id + ": its JVM failed (exit " + process.exitValue() + "); its output is "
                + "above");
        }
        return new Child(rows, descriptions, cpu);
    }

    private static double othersSeconds(CpuMeter.Reading before, CpuMeter.Reading after, double childrenCpu) {
        return Math.max(0, after.othersSecondsSince(before) - childrenCpu);
    }

    /** @return the interference line, worded as {@code benchmarks/run-core.sh} words it */
    private static String othersLine(String what, double othersSeconds, double wallSeconds) {
        return String.format(Locale.ROOT, "== other processes used %.0f CPU-seconds during %s (%.0f s, %.0f%% of "
                + "one core)%s", othersSeconds, what, wallSeconds, 100 * othersSeconds / Math.max(1, wallSeconds),
            othersSeconds > 0.05 * wallSeconds ? ": WARNING, results are slower and noisier than on an idle machine"
                : "");
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }
}
