package io.clusterkv.chaos.run;

import static org.awaitility.Awaitility.await;

import io.clusterkv.chaos.checker.LostWriteChecker;
import io.clusterkv.chaos.checker.NodeDigest;
import io.clusterkv.chaos.checker.Validity;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.FaultTimeline;
import io.clusterkv.chaos.history.FaultTimelineRecorder;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.HistoryRecorder;
import io.clusterkv.chaos.history.RunClock;
import io.clusterkv.chaos.nemesis.ChaosCluster;
import io.clusterkv.chaos.nemesis.NemesisContext;
import io.clusterkv.chaos.nemesis.RecoveryTimeoutException;
import io.clusterkv.chaos.report.RunReport;
import io.clusterkv.chaos.workload.ClientException;
import io.clusterkv.chaos.workload.HttpKvClient;
import io.clusterkv.chaos.workload.NodeAddress;
import io.clusterkv.chaos.workload.RunOutcome;
import io.clusterkv.chaos.workload.Workload;
import io.clusterkv.chaos.workload.WorkloadClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/** The state of one {@link ChaosRun#execute()}, from the clients' start to the written report. */
final class RunExecution {
    private static final System.Logger LOG = System.getLogger(ChaosRun.class.getName());
    private static final Duration FINAL_READ_TIMEOUT = Duration.ofSeconds(30);

    private final ChaosRun run;
    private final ChaosCluster cluster;
    private final RunClock clock = RunClock.startingNow();
    private final HistoryRecorder history = new HistoryRecorder(clock);
    private final FaultTimelineRecorder faults = new FaultTimelineRecorder(clock);
    private final NemesisContext nemesis;
    private final HttpKvClient http;
    private final List<String> recoveryProblems = new ArrayList<>();
    private final String loadAtStart = loadAverage();

    RunExecution(ChaosRun run, ChaosCluster cluster) {
        this.run = run;
        this.cluster = cluster;
        this.nemesis = new NemesisContext(cluster, faults, history, run.seed(), run.timing().recovery());
        this.http = new HttpKvClient(run.timing().request());
    }

    RunResult run() {
        log("starting clients on " + cluster.members());
        WorkloadClients clients = WorkloadClients.start(run.workloads(), addresses(cluster.members()),
                new WorkloadClients.Settings(history, run.respClients(), http, run.timing().request(),
                        run.timing().pace(), run.seed()));
        long wholeAfterScheduleNanos;
        try {
            runSchedule();
            wholeAfterScheduleNanos = healEverything();
        } finally {
            clients.stop();
        }
        log("clients stopped; waiting for the replicas to converge");
        Convergence convergence = Convergence.awaitAgreement(cluster, run.timing().convergence(), clock);
        History finished = history.history();
        FaultTimeline timeline = faults.timeline();
        List<Verdict> verdicts = check(finished, convergence, wholeAfterScheduleNanos);
        RunReport report = report(finished, timeline, verdicts, convergence, clients.size());
        log("verdicts: " + verdicts.stream().map(v -> v.checker() + " " + v.validity().jsonName()).toList());
        return new RunResult(run.name(), report, write(report), finished, timeline, nemesis.splits(), verdicts,
                clients.harnessErrors());
    }

    private void runSchedule() {
        log("schedule: " + run.schedule().description());
        try {
            run.schedule().run(nemesis);
        } catch (RecoveryTimeoutException notWhole) {
            recoveryProblems.add("during the schedule: " + notWhole.getMessage());
        }
    }

    /** @return how long after the schedule's end the cluster was whole, or -1 if it was not */
    private long healEverything() {
        long end = clock.nanosSinceStart();
        cluster.lab().ifPresent(lab -> lab.heal());
        cluster.healProcesses();
        try {
            cluster.awaitHealthy(run.timing().recovery());
            return clock.nanosSinceStart() - end;
        } catch (RecoveryTimeoutException notWhole) {
            recoveryProblems.add("after the schedule: " + notWhole.getMessage());
            return -1;
        }
    }

    private List<Verdict> check(History finished, Convergence convergence, long wholeAfterScheduleNanos) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(recovery(wholeAfterScheduleNanos));
        RunOutcome outcome = new RunOutcome(finished, cluster.members(), this::finalRead);
        for (Workload workload : run.workloads()) {
            verdicts.addAll(checkSafely(workload, outcome));
        }
        verdicts.add(convergence.verdict());
        Map<String, @Nullable Object> finalState = finalState(convergence);
        verdicts.add(run.policy() == Policy.ALLOW_ALL
                ? new MergeResultChecker().check(finished, finalState, nemesis.splits())
                : new LostWriteChecker().check(finished, finalState));
        return verdicts;
    }

    private Verdict recovery(long wholeAfterScheduleNanos) {
        List<String> problems = new ArrayList<>(recoveryProblems);
        problems.addAll(nemesis.anomalies());
        Map<String, Long> counts = Map.of("faults", (long) faults.timeline().windows().size(),
                "problems", (long) problems.size());
        if (!problems.isEmpty()) {
            return new Verdict("recovery", Validity.INVALID, "the cluster did not recover from every fault as it"
                    + " should", counts, problems);
        }
        return new Verdict("recovery", Validity.VALID, "after every fault every node was back, ready and in one"
                + " view; whole " + seconds(wholeAfterScheduleNanos) + " after the schedule ended", counts,
                List.of());
    }

    private List<Verdict> checkSafely(Workload workload, RunOutcome outcome) {
        try {
            return workload.check(outcome);
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.ERROR, "checkers of workload " + workload.name() + " failed", failed);
            return List.of(new Verdict(workload.name(), Validity.INVALID, "its checkers could not run: " + failed,
                    Map.of(), List.of(String.valueOf(failed))));
        }
    }

    private @Nullable Object finalRead(String node, String key) {
        AtomicReference<@Nullable Object> value = new AtomicReference<>();
        try {
            await("final read of " + key + " on " + node).atMost(FINAL_READ_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .pollDelay(Duration.ZERO).ignoreException(ClientException.class).until(() -> {
                        value.set(http.getLinearizable(cluster.address(node), key));
                        return true;
                    });
        } catch (ConditionTimeoutException unanswered) {
            throw new IllegalStateException("no linearizable read of " + key + " on " + node + " within "
                    + FINAL_READ_TIMEOUT.toSeconds() + " s after the run", unanswered);
        }
        return value.get();
    }

    /**
     * @return the state of the most advanced member that answers: every member holds the same once converged, and
     *         if they did not converge, a write missing from the most advanced replica is missing from all
     */
    private Map<String, @Nullable Object> finalState(Convergence convergence) {
        List<String> byIndex = new ArrayList<>(convergence.digests().stream()
                .sorted(Comparator.comparingLong(NodeDigest::appliedIndex).reversed())
                .map(NodeDigest::node).toList());
        byIndex.addAll(convergence.unanswered());
        for (String node : byIndex) {
            try {
                return http.dump(cluster.address(node));
            } catch (ClientException unanswered) {
                LOG.log(System.Logger.Level.WARNING, "no dump from " + node + ": " + unanswered.getMessage());
            }
        }
        LOG.log(System.Logger.Level.ERROR, "no member answered GET /kv after the run; checking an empty state");
        return Map.of();
    }

    private RunReport report(History finished, FaultTimeline timeline, List<Verdict> verdicts,
                             Convergence convergence, int clientCount) {
        RunReport.Builder report = RunReport.builder(finished).faults(timeline).verdicts(verdicts);
        Long reached = convergence.reachedNanos();
        if (reached != null) {
            long lastHeal = timeline.lastHealNanos().orElse(0);
            report.timeToConverge(Duration.ofNanos(Math.max(0, reached - lastHeal)));
        }
        parameters(clientCount).forEach(report::parameter);
        return report.build();
    }

    private Map<String, String> parameters(int clientCount) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("nodes", run.nodes() + (run.maxNodes() > run.nodes() ? " (up to " + run.maxNodes() + ")" : ""));
        parameters.put("policy", run.policy().setting());
        parameters.put("network", cluster.lab().map(lab -> "Linux network namespaces (lab " + lab.runId() + ")")
                .orElse("loopback"));
        parameters.put("workloads", run.workloads().stream().map(Object::toString).collect(Collectors.joining("; ")));
        parameters.put("clients", String.valueOf(clientCount));
        parameters.put("schedule", run.schedule().description());
        parameters.put("seed", String.valueOf(run.seed()));
        parameters.put("client pace, request timeout", run.timing().pace().toMillis() + " ms, "
                + run.timing().request().toSeconds() + " s");
        parameters.put("load average at start, at end", loadAtStart + ", " + loadAverage());
        parameters.put("nemesis notes", String.join(" / ", nemesis.notes()));
        return parameters;
    }

    private RunReport.WrittenReport write(RunReport report) {
        try {
            RunReport.WrittenReport files = report.write(run.reports(), run.name());
            log("report " + files.markdown().toAbsolutePath());
            return files;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write the report of " + run.name() + " to " + run.reports(),
                    failure);
        }
    }

    private List<NodeAddress> addresses(List<String> nodes) {
        return nodes.stream().map(cluster::address).toList();
    }

    private void log(String text) {
        LOG.log(System.Logger.Level.INFO, "[{0} {1}] {2}", run.name(), RunClock.format(clock.nanosSinceStart()),
                text);
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "(never)" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** @return the 1, 5 and 15 minute load averages of the machine, for the report: the machine may be shared */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return Optional.ofNullable(unavailable.getMessage()).orElse("unknown");
        }
    }
}
