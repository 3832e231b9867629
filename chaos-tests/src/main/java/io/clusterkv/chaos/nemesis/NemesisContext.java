package io.clusterkv.chaos.nemesis;

import io.clusterkv.chaos.history.FaultTimelineRecorder;
import io.clusterkv.chaos.history.HistoryRecorder;
import io.clusterkv.chaos.history.RunClock;
import io.clusterkv.chaos.net.NetworkLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * What nemesis steps act on and record into: the cluster, its network lab, the run's fault timeline, its history
 * (to see whether requests are in flight), a seeded random source, and the notes and splits they leave for the
 * report and the checkers. Thread-safe, as {@link Overlap} runs two steps at once.
 */
public final class NemesisContext {
    private static final System.Logger LOG = System.getLogger(NemesisContext.class.getName());

    private final ChaosCluster cluster;
    private final FaultTimelineRecorder faults;
    private final HistoryRecorder history;
    private final Random random;
    private final Duration recoveryTimeout;
    private final List<String> notes = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();
    private final List<Split> splits = new ArrayList<>();

    /**
     * @param cluster         the nodes
     * @param faults          where fault windows go
     * @param history         the run's operations
     * @param seed            the seed of the steps' random choices
     * @param recoveryTimeout how long the cluster may take to become whole after a fault
     */
    public NemesisContext(ChaosCluster cluster, FaultTimelineRecorder faults, HistoryRecorder history, long seed,
                          Duration recoveryTimeout) {
        this.cluster = Objects.requireNonNull(cluster, "cluster cannot be null");
        this.faults = Objects.requireNonNull(faults, "fault recorder cannot be null");
        this.history = Objects.requireNonNull(history, "history cannot be null");
        this.random = new Random(seed);
        this.recoveryTimeout = Objects.requireNonNull(recoveryTimeout, "recovery timeout cannot be null");
    }

    /** @return the nodes */
    public ChaosCluster cluster() {
        return cluster;
    }

    /**
     * @return the network lab the nodes run in
     * @throws IllegalStateException if they run on loopback
     */
    public NetworkLab lab() {
        return cluster.lab().orElseThrow(() -> new IllegalStateException(
                "this step cuts the network, but the nodes run on loopback, not in a network lab"));
    }

    /** @return where fault windows go */
    public FaultTimelineRecorder faults() {
        return faults;
    }

    /** @return the run's operations so far */
    public HistoryRecorder history() {
        return history;
    }

    /** @return the steps' random source; guarded by itself */
    public Random random() {
        return random;
    }

    /** @return how long the cluster may take to become whole after a fault */
    public Duration recoveryTimeout() {
        return recoveryTimeout;
    }

    /** @return now, in nanoseconds since the run started */
    public long now() {
        return history.clock().nanosSinceStart();
    }

    /**
     * Holds a fault for its duration: a wait on the clock, not for a condition of the cluster.
     *
     * @param duration how long
     */
    public void hold(Duration duration) {
        holdUntil(now() + duration.toNanos());
    }

    /** Holds a fault until the run's clock reaches {@code nanos}; returns at once if it has. */
    public void holdUntil(long nanos) {
        long remaining = nanos - now();
        if (remaining <= 0) {
            return;
        }
        try {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding a fault", interrupted);
        }
    }

    /** Records an observation for the report, e.g. how long failure detection took. */
    public synchronized void note(String text) {
        LOG.log(System.Logger.Level.INFO, text);
        notes.add(RunClock.format(now()) + ": " + text);
    }

    /** Records something the cluster did wrong outside any checker, e.g. a graceful leave that did not exit 0. */
    public synchronized void anomaly(String text) {
        LOG.log(System.Logger.Level.WARNING, text);
        anomalies.add(RunClock.format(now()) + ": " + text);
    }

    /** Records a partition as it happened. */
    public synchronized void recordSplit(Split split) {
        splits.add(split);
    }

    /** @return the notes so far */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** @return the anomalies so far */
    public synchronized List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** @return the partitions so far */
    public synchronized List<Split> splits() {
        return List.copyOf(splits);
    }

    /** @return {@code seconds} formatted for notes, e.g. {@code 7.9 s} */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
