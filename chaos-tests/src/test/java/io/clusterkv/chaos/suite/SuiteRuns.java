package io.clusterkv.chaos.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.nemesis.Schedule;
import io.clusterkv.chaos.run.ChaosRun;
import io.clusterkv.chaos.run.Policy;
import io.clusterkv.chaos.run.RunResult;
import io.clusterkv.chaos.workload.CounterWorkload;
import io.clusterkv.chaos.workload.MsetWorkload;
import io.clusterkv.chaos.workload.RegisterWorkload;
import io.clusterkv.chaos.workload.TtlWorkload;
import io.clusterkv.chaos.workload.UniqueKeysWorkload;
import io.clusterkv.chaos.workload.Workload;
import java.nio.file.Path;

/** What the chaos suites share: workloads sized for the checkers, the Jedis client, where reports go. */
final class SuiteRuns {
    /** Set to write the reports elsewhere, e.g. {@code docs/chaos} for the long suite's committed run. */
    static final String REPORTS_PROPERTY = "clusterkv.chaos.reports";
    /** Set to repeat a run with the same random choices (the seed is in every report). */
    static final String SEED_PROPERTY = "clusterkv.chaos.seed";

    /** Each register key gets this many operations: a search the linearizability checker decides in milliseconds. */
    static final int REGISTER_OPS_PER_KEY = 100;

    private SuiteRuns() {
    }

    /** @return one client per node for each workload: counters, registers, TTL keys, mset groups, unique keys */
    static Workload[] everyWorkload() {
        return new Workload[] {counters(), registers(), new TtlWorkload(4, 1), new MsetWorkload(3, 3, 1), unique()};
    }

    static CounterWorkload counters() {
        return new CounterWorkload(4, 1);
    }

    static RegisterWorkload registers() {
        return new RegisterWorkload(REGISTER_OPS_PER_KEY, 1);
    }

    static UniqueKeysWorkload unique() {
        return new UniqueKeysWorkload(1);
    }

    /** @return a run with the suite's client, report directory and, if given, seed */
    static ChaosRun.Builder run(String suite, String name, Schedule schedule) {
        ChaosRun.Builder builder = ChaosRun.builder(name)
                .schedule(schedule)
                .respClients(JedisRespClient::connect)
                .reports(reports(suite));
        String seed = System.getProperty(SEED_PROPERTY);
        if (seed != null) {
            builder.seed(Long.parseLong(seed));
        }
        return builder;
    }

    /**
     * Runs a schedule the way most runs of the suites do: every workload, the majority policy.
     *
     * @return the run's result, to assert on
     */
    static RunResult majorityRun(String suite, String name, int nodes, Schedule schedule) {
        return run(suite, name, schedule).nodes(nodes).policy(Policy.MAJORITY).workloads(everyWorkload())
                .build().execute();
    }

    /** @return {@code target/chaos-reports/<suite>}, or the directory {@value #REPORTS_PROPERTY} names */
    static Path reports(String suite) {
        String configured = System.getProperty(REPORTS_PROPERTY);
        return configured != null ? Path.of(configured) : Path.of("target", "chaos-reports", suite);
    }

    /** Fails with the failing verdicts, the report's path and the kept history unless the run passed. */
    static void assertValid(RunResult result) {
        assertThat(result.valid()).as(result::failureMessage).isTrue();
    }
}
