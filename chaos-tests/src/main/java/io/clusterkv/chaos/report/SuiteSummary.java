package io.clusterkv.chaos.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One Markdown table for several chaos runs, e.g. the long suite's page under {@code docs/chaos/}: a row per run
 * with its result, operation counts, convergence time and verdicts, linking to the run's own page.
 */
public final class SuiteSummary {

    private static final String SUMMARY_SUFFIX = ".json";
    private static final List<String> KEPT_SUFFIXES = List.of(".history.json", ".faults.json");

    private SuiteSummary() {
    }

    /**
     * @param runs the runs, in the order of the table's rows
     * @return the table, followed by how many runs passed
     */
    public static String markdown(List<RunSummary> runs) {
        return Markdown.suite(List.copyOf(Objects.requireNonNull(runs, "runs cannot be null")));
    }

    /**
     * Reads every run summary {@link RunReport#write} left in a directory, ignoring kept histories and fault
     * timelines.
     *
     * @return the summaries, ordered by run name
     * @throws IOException              if the directory or a file cannot be read
     * @throws IllegalArgumentException if a {@code .json} file does not hold a run summary
     */
    public static List<RunSummary> readAll(Path directory) throws IOException {
        List<RunSummary> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(SuiteSummary::isRunSummary).sorted().toList()) {
                runs.add(RunSummary.readFrom(file));
            }
        }
        runs.sort(Comparator.comparing(RunSummary::run));
        return runs;
    }

    /**
     * Writes the table of every run in a directory into a Markdown file there.
     *
     * @param directory where {@link RunReport#write} left the runs' reports
     * @param fileName  the summary's file name, e.g. {@code README.md}
     * @return the file written
     * @throws IOException if a file cannot be read or written
     */
    public static Path write(Path directory, String fileName) throws IOException {
        return Files.writeString(directory.resolve(fileName), markdown(readAll(directory)));
    }

    private static boolean isRunSummary(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUMMARY_SUFFIX) && KEPT_SUFFIXES.stream().noneMatch(name::endsWith);
    }
}
