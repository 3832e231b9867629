package io.clusterkv.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.clusterkv.chaos.checker.Validity;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.FaultTimeline;
import io.clusterkv.chaos.history.FaultWindow;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.TestHistory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RunReportTest {

    private static final Verdict COUNTER_VALID =
            new Verdict("counter", Validity.VALID, "every read within bounds", Map.of("violations", 0L), List.of());
    private static final Verdict CONVERGENCE_INVALID = new Verdict("convergence", Validity.INVALID,
            "2 different states among 3 nodes", Map.of("violations", 1L),
            List.of("n3 at index 118 differ from n1, n2 at index 120"));

    private static final FaultTimeline FAULTS = new FaultTimeline(List.of(
            new FaultWindow("partition {n1} | {n2,n3}", "links of n1 down", 1_000_000_000L, 2_000_000_000L, false),
            new FaultWindow("pause n2 <&>", "SIGSTOP", 2_500_000_000L, 2_600_000_000L, false)));

    private static History smallHistory() {
        return new TestHistory()
                .increment(1, "c", 1).between(0, 4).ok(1L)
                .increment(2, "c", 1).between(1100, 1100).on("n1").fail()
                .read(3, "c").between(1200, 2200).on("n2").info()
                .read(1, "c").between(2300, 2310).ok(1L)
                .build();
    }

    private static RunReport report(Verdict... verdicts) {
        return RunReport.builder(smallHistory())
                .faults(FAULTS)
                .verdicts(verdicts)
                .timeToConverge(Duration.ofMillis(850))
                .parameter("nodes", "3")
                .parameter("policy", "majority")
                .build();
    }

    @Test
    void write_validRun_writesJsonMarkdownAndSvgButNoHistory(@TempDir Path directory) throws Exception {
        RunReport.WrittenReport written = report(COUNTER_VALID).write(directory.resolve("runs"), "majority-split");

        assertThat(written.json()).hasFileName("majority-split.json").exists();
        assertThat(written.markdown()).hasFileName("majority-split.md").exists();
        assertThat(written.svg()).hasFileName("majority-split.svg").exists();
        assertThat(written.history()).isNull();
        try (var files = Files.list(directory.resolve("runs"))) {
            assertThat(files).hasSize(3);
        }
    }

    @Test
    void write_runWithAnInvalidVerdict_keepsItsHistoryAndFaultsForDebugging(@TempDir Path directory)
            throws Exception {
        RunReport.WrittenReport written = report(COUNTER_VALID, CONVERGENCE_INVALID).write(directory, "broken");

        assertThat(written.history()).hasFileName("broken.history.json");
        assertThat(History.readFrom(written.history())).isEqualTo(smallHistory());
        assertThat(FaultTimeline.readFrom(written.faults())).isEqualTo(FAULTS);
    }

    @Test
    void write_passingRunAfterAFailingOneOfTheSameName_removesTheKeptHistory(@TempDir Path directory)
            throws Exception {
        report(CONVERGENCE_INVALID).write(directory, "rerun");

        report(COUNTER_VALID).write(directory, "rerun");

        assertThat(directory.resolve("rerun.history.json")).doesNotExist();
        assertThat(directory.resolve("rerun.faults.json")).doesNotExist();
    }

    @Test
    void write_thenReadTheJson_returnsTheSameSummary(@TempDir Path directory) throws Exception {
        RunReport report = report(COUNTER_VALID, CONVERGENCE_INVALID);

        RunReport.WrittenReport written = report.write(directory, "run-1");

        assertThat(RunSummary.readFrom(written.json())).isEqualTo(report.summary("run-1"));
    }

    @Test
    void summary_countsOperationsPerFunctionAndCompletionType() {
        RunSummary summary = report(COUNTER_VALID).summary("run");

        assertThat(summary.operations()).extracting(OperationStats::function, OperationStats::attempted,
                        OperationStats::ok, OperationStats::fail, OperationStats::info)
                .containsExactly(
                        tuple("increment", 2L, 1L, 1L, 0L),
                        tuple("read", 2L, 1L, 0L, 1L),
                        tuple("all", 4L, 2L, 1L, 1L));
        assertThat(summary.allOperations().p50LatencyMs()).isEqualTo(4.0);
        assertThat(summary.timeToConvergeMillis()).isEqualTo(850L);
        assertThat(summary.durationSeconds()).isEqualTo(2.31);
    }

    @Test
    void valid_withOneInvalidVerdict_isFalseAndFailuresNameIt() {
        RunReport report = report(COUNTER_VALID, CONVERGENCE_INVALID);

        assertThat(report.valid()).isFalse();
        assertThat(report.failures()).startsWith("convergence: invalid").contains("n3 at index 118");
    }

    @Test
    void markdown_showsVerdictsOperationsFaultsAndTheGraph() {
        String markdown = report(COUNTER_VALID, CONVERGENCE_INVALID).markdown("split");

        assertThat(markdown)
                .startsWith("# Chaos run `split`: **FAIL**")
                .contains("Converged 0.85 s after the last heal")
                .contains("![Throughput and latency of split, faults shaded](split.svg)")
                .contains("| convergence | **INVALID** | 2 different states among 3 nodes |")
                .contains("- n3 at index 118 differ from n1, n2 at index 120")
                .contains("| **all** | 4 | 2 | 1 | 1 |")
                .contains("| partition {n1} \\| {n2,n3} | 1.000 s | 2.000 s | links of n1 down |")
                .contains("| policy | majority |");
    }

    @Test
    void svg_isWellFormedWithOneShadePerFaultAndPanelAndTheLegends() throws Exception {
        String svg = report(COUNTER_VALID).svg("split");

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("title").getLength()).isEqualTo(2 * FAULTS.windows().size());
        assertThat(svg).contains(">partition {n1} | {n2,n3}</text>", ">pause n2 &lt;&amp;&gt;</text>",
                ">throughput (ops/s)</text>", ">latency (ms, log)</text>", ">p99 ok</text>");
        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(3 + 2);
    }

    @Test
    void summary_runNameThatIsNoPlainFileName_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> report(COUNTER_VALID).summary("../escape"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a plain file name");
    }

    @Test
    void svg_ofAnEmptyHistory_stillDrawsBothPanels() {
        String svg = RunReport.builder(new History(List.of())).build().svg("empty");

        assertThat(svg).contains(">throughput (ops/s)</text>", ">latency (ms, log)</text>").endsWith("</svg>\n");
    }
}
