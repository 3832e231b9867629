package io.clusterkv.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.checker.Validity;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.TestHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteSummaryTest {

    private static RunReport run(Validity validity) {
        return RunReport.builder(new TestHistory().increment(1, "c", 1).between(0, 1500).ok(1L).build())
                .verdicts(new Verdict("counter", validity, "checked", Map.of(), List.of()))
                .build();
    }

    @Test
    void write_twoRunsInADirectory_tablesBothWithLinksAndCountsThePasses(@TempDir Path directory) throws Exception {
        run(Validity.VALID).write(directory, "b-pause");
        run(Validity.INVALID).write(directory, "a-partition");

        Path summary = SuiteSummary.write(directory, "README.md");

        assertThat(Files.readString(summary))
                .contains("| [a-partition](a-partition.md) | **FAIL** | 1.5 s | 0 | 1 | 1 | 0 | 0 | - | counter invalid |")
                .contains("| [b-pause](b-pause.md) | PASS |")
                .contains("1 of 2 run(s) passed every checker.");
    }

    @Test
    void readAll_directoryWithKeptHistories_readsOnlyTheRunSummaries(@TempDir Path directory) throws Exception {
        run(Validity.INVALID).write(directory, "failing");

        List<RunSummary> runs = SuiteSummary.readAll(directory);

        assertThat(Files.exists(directory.resolve("failing.history.json"))).isTrue();
        assertThat(runs).extracting(RunSummary::run).containsExactly("failing");
    }
}
