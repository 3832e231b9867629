package io.clusterkv.chaos.report;

import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.FaultWindow;
import io.clusterkv.chaos.history.RunClock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Renders run summaries as Markdown: one page per run, and one table for a suite of runs. */
final class Markdown {

    private Markdown() {
    }

    static String run(RunSummary run, String svgFileName) {
        StringBuilder page = new StringBuilder()
                .append("# Chaos run `").append(run.run()).append("`: ").append(result(run.valid())).append("\n\n")
                .append(overview(run)).append("\n\n")
                .append("![Throughput and latency of ").append(run.run()).append(", faults shaded](")
                .append(svgFileName).append(")\n\n");
        verdicts(page, run.verdicts());
        operations(page, run.operations());
        faults(page, run.faults());
        parameters(page, run.parameters());
        return page.toString();
    }

    static String suite(List<RunSummary> runs) {
        StringBuilder page = new StringBuilder()
                .append("| run | result | duration | faults | attempted | ok | fail | info | converged after heal"
                        + " | checkers |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunSummary run : runs) {
            OperationStats all = run.allOperations();
            page.append("| [").append(cell(run.run())).append("](").append(run.run()).append(".md) | ")
                    .append(result(run.valid())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f s", run.durationSeconds())).append(" | ")
                    .append(run.faults().size()).append(" | ")
                    .append(thousands(all.attempted())).append(" | ").append(thousands(all.ok())).append(" | ")
                    .append(thousands(all.fail())).append(" | ").append(thousands(all.info())).append(" | ")
                    .append(convergence(run.timeToConvergeMillis())).append(" | ")
                    .append(cell(run.verdicts().stream().map(v -> v.checker() + " " + v.validity().jsonName())
                            .collect(Collectors.joining(", ")))).append(" |\n");
        }
        long passed = runs.stream().filter(RunSummary::valid).count();
        return page.append('\n').append(passed).append(" of ").append(runs.size())
                .append(" run(s) passed every checker.\n").toString();
    }

    private static String overview(RunSummary run) {
        OperationStats all = run.allOperations();
        return String.format(Locale.ROOT, "%.1f s, %d fault(s), %s operations: %s acknowledged, %s failed,"
                        + " %s unknown. Converged %s.",
                run.durationSeconds(), run.faults().size(), thousands(all.attempted()), thousands(all.ok()),
                thousands(all.fail()), thousands(all.info()),
                run.timeToConvergeMillis() == null ? "(not measured)"
                        : convergence(run.timeToConvergeMillis()) + " after the last heal");
    }

    private static void verdicts(StringBuilder page, List<Verdict> verdicts) {
        page.append("## Checkers\n\n| checker | verdict | explanation |\n|---|---|---|\n");
        for (Verdict verdict : verdicts) {
            page.append("| ").append(cell(verdict.checker())).append(" | ")
                    .append(verdict.isValid() ? "valid" : "**" + verdict.validity().jsonName().toUpperCase(Locale.ROOT) + "**")
                    .append(" | ").append(cell(verdict.explanation())).append(" |\n");
        }
        for (Verdict verdict : verdicts) {
            if (!verdict.problems().isEmpty()) {
                page.append("\n").append(verdict.checker()).append(" (first ").append(verdict.problems().size())
                        .append(" of ").append(verdict.counts().getOrDefault("violations", 0L)).append("):\n\n");
                verdict.problems().forEach(problem -> page.append("- ").append(problem).append('\n'));
            }
        }
        page.append('\n');
    }

    private static void operations(StringBuilder page, List<OperationStats> rows) {
        page.append("## Operations\n\n| function | attempted | ok | fail | info | p50 ms | p99 ms | max ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (OperationStats row : rows) {
            boolean all = row.function().equals(OperationStats.ALL);
            page.append("| ").append(all ? "**all**" : row.function()).append(" | ")
                    .append(thousands(row.attempted())).append(" | ").append(thousands(row.ok())).append(" | ")
                    .append(thousands(row.fail())).append(" | ").append(thousands(row.info())).append(" | ")
                    .append(millis(row.p50LatencyMs())).append(" | ").append(millis(row.p99LatencyMs()))
                    .append(" | ").append(millis(row.maxLatencyMs())).append(" |\n");
        }
        page.append('\n');
    }

    private static void faults(StringBuilder page, List<FaultWindow> faults) {
        page.append("## Faults\n\n");
        if (faults.isEmpty()) {
            page.append("None.\n\n");
            return;
        }
        page.append("| fault | from | to | description |\n|---|---:|---:|---|\n");
        for (FaultWindow fault : faults) {
            page.append("| ").append(cell(fault.kind())).append(" | ").append(RunClock.format(fault.startNanos()))
                    .append(" | ").append(fault.active() ? "not healed" : RunClock.format(fault.endNanos()))
                    .append(" | ").append(cell(fault.description())).append(" |\n");
        }
        page.append('\n');
    }

    private static void parameters(StringBuilder page, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        page.append("## Parameters\n\n| parameter | value |\n|---|---|\n");
        parameters.forEach((name, value) -> page.append("| ").append(cell(name)).append(" | ").append(cell(value))
                .append(" |\n"));
        page.append('\n');
    }

    private static String result(boolean valid) {
        return valid ? "PASS" : "**FAIL**";
    }

    private static String convergence(@Nullable Long millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String millis(@Nullable Double millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String thousands(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** Keeps a value inside its table cell: no line breaks, pipes escaped. */
    static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
