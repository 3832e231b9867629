package io.clusterkv.chaos.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The faults of one run, ordered by start time: the shaded windows of the run's graph and the fault schedule of
 * its report.
 *
 * @param windows every fault, ordered by start time
 */
public record FaultTimeline(List<FaultWindow> windows) {

    /** @throws NullPointerException if the list or one of its windows is null */
    public FaultTimeline {
        windows = Objects.requireNonNull(windows, "windows cannot be null").stream()
                .sorted(Comparator.comparingLong(FaultWindow::startNanos))
                .toList();
    }

    /** @return a timeline without faults */
    public static FaultTimeline none() {
        return new FaultTimeline(List.of());
    }

    /** @return the end of the last fault, when the cluster was last healed, if there was a fault */
    public OptionalLong lastHealNanos() {
        return windows.stream().mapToLong(FaultWindow::endNanos).max();
    }

    /** @return this timeline as indented JSON */
    public String toJson() {
        return HistoryJson.write(this);
    }

    /**
     * @param json what {@link #toJson()} wrote
     * @return the timeline it holds
     * @throws IllegalArgumentException if the text is not a fault timeline in JSON
     */
    public static FaultTimeline fromJson(String json) {
        return HistoryJson.read(json, FaultTimeline.class);
    }

    /**
     * @throws IOException if the file cannot be written
     */
    public void writeTo(Path file) throws IOException {
        HistoryJson.writeFile(this, file);
    }

    /**
     * @return the timeline kept in the file
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it does not hold a fault timeline in JSON
     */
    public static FaultTimeline readFrom(Path file) throws IOException {
        return HistoryJson.readFile(file, FaultTimeline.class);
    }
}
