package io.clusterkv.chaos.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.FaultWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one chaos run, as its JSON report holds them (the history itself is kept apart, and only for
 * failing runs).
 *
 * @param run                  the run's name
 * @param valid                {@code true} if every verdict is valid
 * @param durationSeconds      from the start of the run to the last completion
 * @param operations           counts and latencies per function, then for all
 * @param faults               the fault schedule
 * @param verdicts             the checkers' verdicts
 * @param timeToConvergeMillis from the last heal until every node reported the same state; {@code null} if not
 *                             measured
 * @param parameters           how the run was set up (nodes, clients, policy, seed, ...), in a stable order
 */
public record RunSummary(String run, boolean valid, double durationSeconds, List<OperationStats> operations,
                         List<FaultWindow> faults, List<Verdict> verdicts, @Nullable Long timeToConvergeMillis,
                         Map<String, String> parameters) {

    /** @throws NullPointerException if a component other than the time to converge is null */
    public RunSummary {
        Objects.requireNonNull(run, "run name cannot be null");
        operations = List.copyOf(operations);
        faults = List.copyOf(faults);
        verdicts = List.copyOf(verdicts);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** @return the row of all functions together */
    public OperationStats allOperations() {
        return operations.stream().filter(row -> row.function().equals(OperationStats.ALL)).findFirst()
                .orElse(new OperationStats(OperationStats.ALL, 0, 0, 0, 0, null, null, null));
    }

    /** @return this summary as indented JSON */
    public String toJson() {
        try {
            return ReportJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the summary of run " + run + " as JSON", e);
        }
    }

    /**
     * @return the summary a run's {@code <run>.json} holds
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it does not hold a run summary
     */
    public static RunSummary readFrom(Path file) throws IOException {
        try {
            return ReportJson.MAPPER.readValue(Files.readString(file), RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " does not hold a run summary: " + e.getMessage(), e);
        }
    }
}
