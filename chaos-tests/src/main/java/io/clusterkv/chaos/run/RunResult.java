package io.clusterkv.chaos.run;

import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.FaultTimeline;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.nemesis.Split;
import io.clusterkv.chaos.report.RunReport;
import io.clusterkv.chaos.report.RunSummary;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a chaos run came to: its history, faults, verdicts and the report files written.
 *
 * @param name          the run's name
 * @param report        the report
 * @param files         the files written; the history is kept beside them when a verdict failed
 * @param history       every operation
 * @param faults        every fault window
 * @param splits        the partitions as they happened
 * @param verdicts      every checker's verdict
 * @param harnessErrors exceptions the workloads' steps threw (bugs of the harness)
 */
public record RunResult(String name, RunReport report, RunReport.WrittenReport files, History history,
                        FaultTimeline faults, List<Split> splits, List<Verdict> verdicts,
                        List<RuntimeException> harnessErrors) {

    /** Copies the lists. */
    public RunResult {
        splits = List.copyOf(splits);
        verdicts = List.copyOf(verdicts);
        harnessErrors = List.copyOf(harnessErrors);
    }

    /** @return whether every verdict is valid (unknown counts as a failure) and the harness raised nothing */
    public boolean valid() {
        return report.valid() && harnessErrors.isEmpty();
    }

    /** @return the failing verdicts, the harness errors and where the report and history are, for assertions */
    public String failureMessage() {
        String harness = harnessErrors.stream().map(String::valueOf).collect(Collectors.joining("\n  "));
        return "chaos run " + name + " failed; report " + files.markdown()
                + (files.history() == null ? "" : ", history kept in " + files.history()) + "\n"
                + report.failures() + (harness.isEmpty() ? "" : "\nharness errors:\n  " + harness);
    }

    /** @return the run's figures, as its JSON report holds them */
    public RunSummary summary() {
        return report.summary(name);
    }
}
