package io.clusterkv.chaos.run;

import io.clusterkv.chaos.nemesis.ChaosCluster;
import io.clusterkv.chaos.nemesis.Schedule;
import io.clusterkv.chaos.net.NetworkLab;
import io.clusterkv.chaos.workload.RespClientFactory;
import io.clusterkv.chaos.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One chaos run: a cluster size, a partition policy, workloads, a fault schedule. {@link #execute()}:
 * <ol>
 *   <li>starts the nodes with {@code bin/clusterkv} (each in its own network namespace when the schedule cuts the
 *       network, else on loopback), logs under {@code target/chaos-logs/<run>/};</li>
 *   <li>starts the workloads' clients, spread over the nodes, recording into one history;</li>
 *   <li>runs the schedule on the calling thread, waiting after each fault until the cluster is whole again;</li>
 *   <li>heals whatever is left, waits until every member is up, ready and in one view, stops the clients, and
 *       waits until every member reports the same applied index and state digest (the time from the last heal to
 *       that moment is the report's time to converge);</li>
 *   <li>checks: the cluster recovered ({@code recovery}), each workload's own checkers, {@code convergence}, and
 *       that no acknowledged write is lost ({@code no-lost-writes} over every write of the run; under the
 *       allow-all policy {@code allow-all-merge} instead, which expects the losing side's writes to be gone);</li>
 *   <li>writes the report (JSON, Markdown, SVG; the history too when a verdict failed).</li>
 * </ol>
 *
 * <pre>{@code
 * RunResult result = ChaosRun.builder("kill-coordinator")
 *         .nodes(3).policy(Policy.MAJORITY)
 *         .workloads(new CounterWorkload(4, 1), new RegisterWorkload(100, 1), new UniqueKeysWorkload(1))
 *         .schedule(Schedule.of(new Quiet(ofSeconds(5)), new KillNemesis(NodeChoice.coordinator(), ofSeconds(5))))
 *         .respClients(JedisRespClient::connect)
 *         .reports(Path.of("target/chaos-reports"))
 *         .build().execute();
 * assertThat(result.valid()).as(result::failureMessage).isTrue();
 * }</pre>
 */
public final class ChaosRun {
    private final String name;
    private final int nodes;
    private final int maxNodes;
    private final Policy policy;
    private final List<Workload> workloads;
    private final Schedule schedule;
    private final long seed;
    private final Path reports;
    private final Path logs;
    private final RespClientFactory respClients;
    private final Timing timing;

    /**
     * How long things may take.
     *
     * @param pace        the mean pause between two operations of one client
     * @param request     how long a request may take before its outcome is unknown (longer than the nodes'
     *                    5 s write timeout, so most unknown outcomes are the node's own answer)
     * @param recovery    how long the cluster may take to become whole after a fault
     * @param convergence how long the replicas may take to agree once clients have stopped
     */
    public record Timing(Duration pace, Duration request, Duration recovery, Duration convergence) {

        /** The defaults: 10 ms pace, 7 s requests, 90 s to recover, 60 s to converge. */
        public static final Timing DEFAULT = new Timing(Duration.ofMillis(10), Duration.ofSeconds(7),
                Duration.ofSeconds(90), Duration.ofSeconds(60));

        /** @throws NullPointerException if a component is null */
        public Timing {
            Objects.requireNonNull(pace, "pace cannot be null");
            Objects.requireNonNull(request, "request timeout cannot be null");
            Objects.requireNonNull(recovery, "recovery timeout cannot be null");
            Objects.requireNonNull(convergence, "convergence timeout cannot be null");
        }
    }

    private ChaosRun(Builder builder) {
        this.name = builder.name;
        this.nodes = builder.nodes;
        this.maxNodes = Math.max(builder.nodes, builder.maxNodes);
        this.policy = builder.policy;
        this.workloads = List.copyOf(builder.workloads);
        this.schedule = Objects.requireNonNull(builder.schedule, "a run needs a schedule");
        this.seed = builder.seed;
        this.reports = builder.reports;
        this.logs = builder.logs != null ? builder.logs : Path.of("target", "chaos-logs", name);
        this.respClients = Objects.requireNonNull(builder.respClients, "a run needs a RESP client factory");
        this.timing = builder.timing;
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("run " + name + " has no workload");
        }
    }

    /**
     * @param name the run's name: its report's file name (letters, digits, {@code . _ -})
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Runs it, writes its report, and returns what it came to. A failing verdict does not throw: check
     * {@link RunResult#valid()}.
     *
     * @return the result, with the report's files
     * @throws io.clusterkv.chaos.net.NetworkLabException if the schedule cuts the network and no lab can be made
     * @throws io.clusterkv.chaos.nemesis.RecoveryTimeoutException if the cluster does not even form at the start
     * @throws java.io.UncheckedIOException if the report cannot be written
     */
    public RunResult execute() {
        removeOldLogs();
        NetworkLab lab = schedule.needsNetworkLab() ? NetworkLab.create(maxNodes) : null;
        try (NetworkLab closedAtEnd = lab;
             ChaosCluster cluster = ChaosCluster.start(layout(lab))) {
            return new RunExecution(this, cluster).run();
        }
    }

    /** Node logs append across restarts within a run; a new run of the same name starts them afresh. */
    private void removeOldLogs() {
        try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot clear the node logs in " + logs, failure);
        }
    }

    private ChaosCluster.Layout layout(NetworkLab lab) {
        List<String> flags = new ArrayList<>(policy.flags(nodes));
        return new ChaosCluster.Layout("chaos-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), nodes,
                maxNodes, flags, logs, lab);
    }

    String name() {
        return name;
    }

    int nodes() {
        return nodes;
    }

    int maxNodes() {
        return maxNodes;
    }

    Policy policy() {
        return policy;
    }

    List<Workload> workloads() {
        return workloads;
    }

    Schedule schedule() {
        return schedule;
    }

    long seed() {
        return seed;
    }

    Path reports() {
        return reports;
    }

    RespClientFactory respClients() {
        return respClients;
    }

    Timing timing() {
        return timing;
    }

    /** The settings of a run; only the schedule, the workloads and the RESP client factory are required. */
    public static final class Builder {
        private final String name;
        private int nodes = 3;
        private int maxNodes;
        private Policy policy = Policy.MAJORITY;
        private final List<Workload> workloads = new ArrayList<>();
        private Schedule schedule;
        private long seed = System.nanoTime();
        private Path reports = Path.of("target", "chaos-reports");
        private Path logs;
        private RespClientFactory respClients;
        private Timing timing = Timing.DEFAULT;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "run name cannot be null");
        }

        /** @param count how many nodes start (3 by default); also the cluster's expected size */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a run needs at least one node, got " + count);
            }
            this.nodes = count;
            return this;
        }

        /** @param count how many nodes may exist once nodes join (the start size by default) */
        public Builder maxNodes(int count) {
            this.maxNodes = count;
            return this;
        }

        /** @param policy the partition policy (majority by default) */
        public Builder policy(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy cannot be null");
            return this;
        }

        /** Adds workloads; each gets its clients on every node. */
        public Builder workloads(Workload... added) {
            for (Workload workload : added) {
                workloads.add(Objects.requireNonNull(workload, "workload cannot be null"));
            }
            return this;
        }

        /** @param schedule the faults */
        public Builder schedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule cannot be null");
            return this;
        }

        /** @param seed the seed of every random choice of clients and nemeses (the time by default; reported) */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param directory where the report goes ({@code target/chaos-reports} by default) */
        public Builder reports(Path directory) {
            this.reports = Objects.requireNonNull(directory, "report directory cannot be null");
            return this;
        }

        /** @param directory where the nodes' logs go ({@code target/chaos-logs/<run>} by default) */
        public Builder logs(Path directory) {
            this.logs = Objects.requireNonNull(directory, "log directory cannot be null");
            return this;
        }

        /** @param factory how clients open RESP connections */
        public Builder respClients(RespClientFactory factory) {
            this.respClients = Objects.requireNonNull(factory, "RESP client factory cannot be null");
            return this;
        }

        /** @param timing how long things may take ({@link Timing#DEFAULT} by default) */
        public Builder timing(Timing timing) {
            this.timing = Objects.requireNonNull(timing, "timing cannot be null");
            return this;
        }

        /**
         * @return the run
         * @throws NullPointerException     if the schedule or the RESP client factory is missing
         * @throws IllegalArgumentException if there is no workload
         */
        public ChaosRun build() {
            return new ChaosRun(this);
        }
    }
}
