package io.clusterkv.chaos.suite;

import static io.clusterkv.chaos.suite.NetworkLabRequirement.requireNetworkLabs;
import static io.clusterkv.chaos.suite.SuiteRuns.assertValid;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.nemesis.JoinNemesis;
import io.clusterkv.chaos.nemesis.KillNemesis;
import io.clusterkv.chaos.nemesis.LeaveNemesis;
import io.clusterkv.chaos.nemesis.NodeChoice;
import io.clusterkv.chaos.nemesis.PartitionNemesis;
import io.clusterkv.chaos.nemesis.PartitionShape;
import io.clusterkv.chaos.nemesis.PauseNemesis;
import io.clusterkv.chaos.nemesis.Quiet;
import io.clusterkv.chaos.nemesis.RollingRestartNemesis;
import io.clusterkv.chaos.nemesis.Schedule;
import io.clusterkv.chaos.report.SuiteSummary;
import io.clusterkv.chaos.run.Policy;
import io.clusterkv.chaos.run.RunResult;
import io.clusterkv.chaos.workload.MsetWorkload;
import io.clusterkv.chaos.workload.TtlWorkload;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long chaos suite: every nemesis of the suite, on real node processes, each run checked by every checker.
 * Not part of the default build ({@code slow}); about 8 minutes on two cores:
 *
 * <pre>
 * mvn -B test -Plong -pl chaos-tests -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=LongChaosSuiteTest \
 *     -Dclusterkv.chaos.reports=$PWD/docs/chaos
 * </pre>
 *
 * <p>In-JVM partitions with JGroups' DISCARD, which run everywhere, are in the cluster module
 * ({@code MajorityPolicyTest}, {@code AllowAllPolicyTest}); here partitions are real, in network namespaces.
 */
@Tag("slow")
class LongChaosSuiteTest {
    private static final String SUITE = "long";

    /** One table of every run of the suite beside the runs' own reports. */
    @AfterAll
    static void summarize() throws IOException {
        SuiteSummary.write(SuiteRuns.reports(SUITE), "summary.md");
    }

    @Test
    void killAnyNode_repeatedly_noAcknowledgedWriteLost() {
        RunResult result = SuiteRuns.majorityRun(SUITE, "long-kill-any-node", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new KillNemesis(NodeChoice.any(), ofSeconds(5)),
                        new Quiet(ofSeconds(5)),
                        new KillNemesis(NodeChoice.notCoordinator(), ofSeconds(5)),
                        new Quiet(ofSeconds(5)),
                        new KillNemesis(NodeChoice.coordinator(), ofSeconds(5)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        assertThat(result.faults().windows()).hasSize(3);
    }

    @Test
    void killCoordinatorWhileSequencing_twice_survivorsAgreeOnTheLongestPrefix() {
        RunResult result = SuiteRuns.majorityRun(SUITE, "long-kill-sequencer", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new KillNemesis(NodeChoice.coordinatorWhileSequencing(), ofSeconds(3)),
                        new Quiet(ofSeconds(5)),
                        new KillNemesis(NodeChoice.coordinatorWhileSequencing(), ofSeconds(3)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
    }

    @Test
    void pauseCoordinator_pastFailureDetection_itRejoinsWithoutResurrectingOldState() {
        RunResult result = SuiteRuns.majorityRun(SUITE, "long-pause-coordinator", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new PauseNemesis(NodeChoice.coordinator(), ofSeconds(15)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
    }

    @Test
    void partitionMajorityMinority_fiveNodes_onlyTheMajorityWrites() {
        requireNetworkLabs();

        RunResult result = SuiteRuns.majorityRun(SUITE, "long-partition-majority-minority", 5, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new PartitionNemesis(PartitionShape.majorityMinority(), ofSeconds(25)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        assertThat(result.splits()).hasSize(1);
    }

    @Test
    void partitionHalves_fourNodes_neitherHalfWrites() {
        requireNetworkLabs();

        RunResult result = SuiteRuns.majorityRun(SUITE, "long-partition-halves", 4, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new PartitionNemesis(PartitionShape.halves(), ofSeconds(20)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        var split = result.splits().get(0);
        assertThat(split.viewsSplitNanos()).as("the members saw the split").isNotNull();
        assertThat(result.history().operations()).filteredOn(op -> op.type() == CompletionType.OK
                        && op.function().name().matches("WRITE|INCREMENT|MSET|SET_TTL|EXPIRE")
                        && split.whileViewsSplit(op))
                .as("writes acknowledged while two halves of four were apart").isEmpty();
    }

    /**
     * Allow-all trades acknowledged writes for availability: the losing side's writes during the split are
     * discarded at the merge, by design. So the counter and register checkers, which hold every acknowledged write
     * to account, do not apply; the merge checker checks the documented outcome instead. The isolated node is not
     * the coordinator, whose own last writes the policy may lose (docs/design/partitions.md).
     */
    @Test
    void partitionOneNode_allowAll_bothSidesWriteAndTheLosingSidesWritesAreDiscarded() {
        requireNetworkLabs();

        RunResult result = SuiteRuns.run(SUITE, "long-partition-allow-all", Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new PartitionNemesis(PartitionShape.isolate(NodeChoice.notCoordinator()), ofSeconds(25)),
                        new Quiet(ofSeconds(5))))
                .nodes(3).policy(Policy.ALLOW_ALL)
                .workloads(SuiteRuns.unique(), new TtlWorkload(4, 1), new MsetWorkload(3, 3, 1))
                .build().execute();

        assertValid(result);
    }

    @Test
    void joinAndLeaveUnderLoad_membershipChangesWhileEveryWorkloadRuns() {
        RunResult result = SuiteRuns.run(SUITE, "long-join-and-leave", Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new JoinNemesis("n4"),
                        new Quiet(ofSeconds(5)),
                        LeaveNemesis.leave(NodeChoice.notCoordinator()),
                        new Quiet(ofSeconds(5)),
                        LeaveNemesis.leaveAndRejoin(NodeChoice.coordinator(), ofSeconds(5)),
                        new Quiet(ofSeconds(5))))
                .nodes(3).maxNodes(4).policy(Policy.MAJORITY)
                .workloads(SuiteRuns.everyWorkload())
                .build().execute();

        assertValid(result);
    }

    @Test
    void rollingRestart_everyNodeInTurn_noAcknowledgedWriteLost() {
        RunResult result = SuiteRuns.majorityRun(SUITE, "long-rolling-restart", 3, Schedule.of(
                        new Quiet(ofSeconds(5)),
                        new RollingRestartNemesis(ofSeconds(3)),
                        new Quiet(ofSeconds(5))));

        assertValid(result);
        assertThat(result.faults().windows()).hasSize(3);
    }
}
