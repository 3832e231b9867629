package io.clusterkv.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.checker.ConvergenceChecker;
import io.clusterkv.chaos.checker.CounterChecker;
import io.clusterkv.chaos.checker.FinalRead;
import io.clusterkv.chaos.checker.NodeDigest;
import io.clusterkv.chaos.checker.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders the report of a simulated run with every kind of fault into {@code target/chaos-report-example/}, the
 * place to look at how reports read and graphs look.
 */
class ExampleReportTest {

    @Test
    void write_simulatedRunWithFaults_rendersAllThreeFiles() throws Exception {
        SimulatedRun.Run run = SimulatedRun.run(1);
        List<FinalRead> finalReads = run.finalValues().entrySet().stream()
                .map(counter -> new FinalRead("n1", counter.getKey(), counter.getValue()))
                .toList();
        Verdict counter = CounterChecker.linearizableReads().check(run.history(), finalReads);
        Verdict convergence = new ConvergenceChecker().check(List.of(
                new NodeDigest("n1", 9_120, 0x5eedL, 4), new NodeDigest("n2", 9_120, 0x5eedL, 4),
                new NodeDigest("n3", 9_120, 0x5eedL, 4)));
        RunReport report = RunReport.builder(run.history())
                .faults(SimulatedRun.FAULTS)
                .verdicts(counter, convergence)
                .timeToConverge(Duration.ofMillis(1240))
                .parameter("nodes", "3")
                .parameter("clients", "12")
                .parameter("policy", "majority")
                .build();

        RunReport.WrittenReport written = report.write(Path.of("target", "chaos-report-example"), "example");

        assertThat(report.valid()).as(report.failures()).isTrue();
        assertThat(Files.size(written.svg())).isBetween(10_000L, 2_000_000L);
        assertThat(Files.readString(written.markdown())).contains("| kill -9 n3 | 4.000 s | 7.000 s |");
    }
}
