package io.clusterkv.chaos.report;

import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.FaultTimeline;
import io.clusterkv.chaos.history.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The report of one chaos run: its history, fault timeline, checker verdicts and a few figures, written as
 * {@code <run>.json} (the {@link RunSummary}), {@code <run>.md} (tables for people) and {@code <run>.svg}
 * (throughput and latency over time with the faults shaded). A run that failed a checker also keeps its history
 * and fault timeline as {@code <run>.history.json} and {@code <run>.faults.json}, to be checked again or read;
 * a passing run removes those files if an earlier run of the same name left them.
 *
 * <pre>{@code
 * RunReport report = RunReport.builder(recorder.history())
 *         .faults(nemesis.timeline())
 *         .verdicts(counterVerdict, convergenceVerdict)
 *         .timeToConverge(Duration.ofMillis(850))
 *         .parameter("nodes", "3")
 *         .build();
 * report.write(Path.of("target/chaos"), "partition-majority");
 * assertThat(report.valid()).as(report.failures()).isTrue();
 * }</pre>
 */
public final class RunReport {

    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final History history;
    private final FaultTimeline faults;
    private final List<Verdict> verdicts;
    private final @Nullable Duration timeToConverge;
    private final Map<String, String> parameters;

    private RunReport(Builder builder) {
        this.history = builder.history;
        this.faults = builder.faults;
        this.verdicts = List.copyOf(builder.verdicts);
        this.timeToConverge = builder.timeToConverge;
        this.parameters = new LinkedHashMap<>(builder.parameters);
    }

    /**
     * @param history the run's operations
     * @return a builder of the run's report
     * @throws NullPointerException if the history is null
     */
    public static Builder builder(History history) {
        return new Builder(history);
    }

    /** @return {@code true} if every verdict is valid (a report without verdicts is valid) */
    public boolean valid() {
        return verdicts.stream().allMatch(Verdict::isValid);
    }

    /** @return every verdict that is not valid, with its problems, for an assertion message; empty if none */
    public String failures() {
        return verdicts.stream().filter(verdict -> !verdict.isValid()).map(Verdict::toString)
                .collect(Collectors.joining("\n"));
    }

    /**
     * @param runName the run's name, used in the report and its file names
     * @return the figures of the run
     * @throws IllegalArgumentException if the name is not a plain file name (letters, digits, {@code . _ -})
     */
    public RunSummary summary(String runName) {
        requireRunName(runName);
        Long convergeMillis = timeToConverge == null ? null : timeToConverge.toMillis();
        return new RunSummary(runName, valid(), history.endNanos() / 1e9, OperationStats.of(history.operations()),
                faults.windows(), verdicts, convergeMillis, parameters);
    }

    /** @return the report as a Markdown page that shows the graph {@code <runName>.svg} */
    public String markdown(String runName) {
        return Markdown.run(summary(runName), runName + ".svg");
    }

    /** @return the graph of throughput and latency over time, faults shaded, as SVG */
    public String svg(String runName) {
        requireRunName(runName);
        return PerformanceGraph.render("Chaos run " + runName + (valid() ? "" : " (FAILED)"), history, faults);
    }

    /**
     * Writes the report's files into a directory, created if needed.
     *
     * @param directory where to write
     * @param runName   the run's name, the files' base name
     * @return the files written
     * @throws IOException              if a file cannot be written
     * @throws IllegalArgumentException if the name is not a plain file name
     */
    public WrittenReport write(Path directory, String runName) throws IOException {
        RunSummary summary = summary(runName);
        Files.createDirectories(directory);
        Path json = Files.writeString(directory.resolve(runName + ".json"), summary.toJson());
        Path markdown = Files.writeString(directory.resolve(runName + ".md"), Markdown.run(summary, runName + ".svg"));
        Path svg = Files.writeString(directory.resolve(runName + ".svg"), svg(runName));
        Path keptHistory = directory.resolve(runName + ".history.json");
        Path keptFaults = directory.resolve(runName + ".faults.json");
        if (valid()) {
            // an earlier failing run of the same name must not leave its history beside a passing report
            Files.deleteIfExists(keptHistory);
            Files.deleteIfExists(keptFaults);
            return new WrittenReport(json, markdown, svg, null, null);
        }
        history.writeTo(keptHistory);
        faults.writeTo(keptFaults);
        return new WrittenReport(json, markdown, svg, keptHistory, keptFaults);
    }

    /**
     * The files {@link #write} wrote.
     *
     * @param json     the run summary
     * @param markdown the page for people
     * @param svg      the graph
     * @param history  the history, kept only when a verdict was not valid
     * @param faults   the fault timeline, kept only when a verdict was not valid
     */
    public record WrittenReport(Path json, Path markdown, Path svg, @Nullable Path history, @Nullable Path faults) {
    }

    private static void requireRunName(String runName) {
        Objects.requireNonNull(runName, "run name cannot be null");
        if (!RUN_NAME.matcher(runName).matches()) {
            throw new IllegalArgumentException("run name '" + runName
                    + "' must be a plain file name: letters, digits, '.', '_' and '-'");
        }
    }

    /** Gathers what a report shows; only the history is required. */
    public static final class Builder {

        private final History history;
        private FaultTimeline faults = FaultTimeline.none();
        private final List<Verdict> verdicts = new ArrayList<>();
        private @Nullable Duration timeToConverge;
        private final Map<String, String> parameters = new LinkedHashMap<>();

        private Builder(History history) {
            this.history = Objects.requireNonNull(history, "history cannot be null");
        }

        /** @param faults what the nemesis did; none by default */
        public Builder faults(FaultTimeline faults) {
            this.faults = Objects.requireNonNull(faults, "fault timeline cannot be null");
            return this;
        }

        /** Adds checkers' verdicts, shown in the given order. */
        public Builder verdicts(Verdict... verdicts) {
            Arrays.stream(verdicts).forEach(verdict -> this.verdicts.add(Objects.requireNonNull(verdict, "verdict cannot be null")));
            return this;
        }

        /** Adds checkers' verdicts, shown in the given order. */
        public Builder verdicts(List<Verdict> verdicts) {
            return verdicts(verdicts.toArray(Verdict[]::new));
        }

        /** @param timeToConverge from the last heal until every node reported the same state */
        public Builder timeToConverge(Duration timeToConverge) {
            this.timeToConverge = Objects.requireNonNull(timeToConverge, "time to converge cannot be null");
            return this;
        }

        /** Records how the run was set up, e.g. {@code parameter("policy", "majority")}; shown in given order. */
        public Builder parameter(String name, String value) {
            parameters.put(Objects.requireNonNull(name, "parameter name cannot be null"),
                    Objects.requireNonNull(value, "value of parameter " + name + " cannot be null"));
            return this;
        }

        /** @return the report */
        public RunReport build() {
            return new RunReport(this);
        }
    }
}
