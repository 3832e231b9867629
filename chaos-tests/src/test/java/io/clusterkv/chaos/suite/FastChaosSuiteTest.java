package io.clusterkv.chaos.suite;

import static io.clusterkv.chaos.suite.NetworkLabRequirement.requireNetworkLabs;
import static io.clusterkv.chaos.suite.SuiteRuns.assertValid;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.Operation;
import io.clusterkv.chaos.nemesis.KillNemesis;
import io.clusterkv.chaos.nemesis.NodeChoice;
import io.clusterkv.chaos.nemesis.PartitionNemesis;
import io.clusterkv.chaos.nemesis.PartitionShape;
import io.clusterkv.chaos.nemesis.PauseNemesis;
import io.clusterkv.chaos.nemesis.Quiet;
import io.clusterkv.chaos.nemesis.Schedule;
import io.clusterkv.chaos.nemesis.Split;
import io.clusterkv.chaos.report.SuiteSummary;
import io.clusterkv.chaos.run.RunResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's fast subset, part of every build: three short runs on three real node processes under the
 * majority policy, each with every workload and one fault, each checked by every checker. About a minute each on
 * two cores; reports in {@code target/chaos-reports/fast/}, node logs in {@code target/chaos-logs/<run>/}. The
 * long suite ({@link LongChaosSuiteTest}) runs many more schedules.
 */
class FastChaosSuiteTest {
    private static final String SUITE = "fast";

    /** One table of every run of the suite beside the runs' own reports. */
    @AfterAll
    static void summarize() throws IOException {
        SuiteSummary.write(SuiteRuns.reports(SUITE), "summary.md");
    }

    @Test
    void killCoordinator_threeNodesMajority_noAcknowledgedWriteLostAndReplicasConverge() {
        RunResult result = SuiteRuns.majorityRun(SUITE, "fast-kill-coordinator", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new KillNemesis(NodeChoice.coordinatorWhileSequencing(), ofSeconds(5)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        assertThat(result.faults().windows()).hasSize(1);
    }

    @Test
    void partitionOneNode_threeNodesMajority_minorityRefusesWritesAndNoAcknowledgedWriteIsLost() {
        requireNetworkLabs();

        RunResult result = SuiteRuns.majorityRun(SUITE, "fast-partition-one-node", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new PartitionNemesis(PartitionShape.isolate(NodeChoice.coordinator()), ofSeconds(20)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        assertThat(result.splits()).hasSize(1);
        Split split = result.splits().get(0);
        assertThat(split.viewsSplitNanos()).as("the members saw the split").isNotNull();
        String minority = split.sides().stream().filter(side -> side.size() == 1).findFirst().map(Set::iterator)
                .orElseThrow().next();
        List<Operation> refused = result.history().operations().stream()
                .filter(op -> op.node().equals(minority) && op.type() == CompletionType.FAIL)
                .filter(op -> op.error() != null && (op.error().startsWith("CLUSTERDOWN")
                        || op.error().startsWith("HTTP 503")))
                .filter(split::whileViewsSplit)
                .toList();
        assertThat(refused).as("writes refused for lack of quorum on the minority " + minority).isNotEmpty();
        assertThat(result.history().operations()).filteredOn(op -> !op.node().equals(minority)
                        && op.type() == CompletionType.OK && op.function().name().matches("WRITE|INCREMENT|MSET")
                        && split.whileViewsSplit(op))
                .as("the majority side kept acknowledging writes while the minority was cut off").isNotEmpty();
        assertThat(result.history().operations()).filteredOn(op -> op.node().equals(minority)
                        && op.type() == CompletionType.OK
                        && op.function().name().matches("WRITE|INCREMENT|MSET|SET_TTL|EXPIRE")
                        && split.whileViewsSplit(op))
                .as("writes acknowledged on the minority while its view was split").isEmpty();
    }

    @Test
    void pauseOneNode_pastFailureDetection_itRejoinsAndCatchesUp() {
        RunResult result = SuiteRuns.majorityRun(SUITE, "fast-pause-one-node", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new PauseNemesis(NodeChoice.any(), ofSeconds(10)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        assertThat(result.faults().windows()).singleElement()
                .satisfies(pause -> assertThat(pause.endNanos() - pause.startNanos()).isGreaterThan(ofSeconds(10).toNanos()));
    }
}
