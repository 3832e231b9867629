package io.clusterkv.cluster.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * A node's meters. They live in a composite registry from the start, so recording costs next to nothing until
 * someone binds a real registry (then the composite forwards to it); {@link #binder()} is what users bind.
 */
public final class ClusterMetrics {
    private static final String PREFIX = "clusterkv.";

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final String nodeName;
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Timer replicationLatency;
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder stateTransfersProvided = new LongAdder();
    private final LongAdder stateTransfersReceived = new LongAdder();
    private final LongAdder reconciliations = new LongAdder();
    private final LongAdder merges = new LongAdder();
    private final LongAdder discardedByMerge = new LongAdder();

    /** @param nodeName tags every meter */
    public ClusterMetrics(String nodeName) {
        this.nodeName = nodeName;
        // Counts are kept here and read by function counters, so a registry bound after start sees the totals.
        this.replicationLatency = Timer.builder(PREFIX + "replication.latency")
            .description("time from sending a write to its application on the sending node")
            .tag("node", nodeName)
            // A histogram (bucket counts) rather than client-side percentiles: it is recorded on the thread that
            // applies every write, where percentile estimation cost a fifth of its time.
            .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofNanos(20_000))
            .maximumExpectedValue(java.time.Duration.ofSeconds(10)).register(registry);
        functionCounter("bytes.sent", "bytes of ordered batches sent by this node", bytesSent, LongAdder::sum);
        functionCounter("commands.duplicates", "commands delivered again and skipped", duplicates, LongAdder::sum);
        functionCounter("commands.malformed", "commands that did not decode and were skipped", malformed,
            LongAdder::sum);
        FunctionCounter.builder(PREFIX + "state.transfers", stateTransfersProvided, LongAdder::sum)
            .tag("node", nodeName).tag("role", "provider").description("state transfers").register(registry);
        FunctionCounter.builder(PREFIX + "state.transfers", stateTransfersReceived, LongAdder::sum)
            .tag("node", nodeName).tag("role", "joiner").description("state transfers").register(registry);
        functionCounter("reconciliations", "coordinator changes reconciled", reconciliations, LongAdder::sum);
        functionCounter("merges", "parts of a split cluster merged", merges, LongAdder::sum);
        functionCounter("merge.discarded.batches", "ordered batches this node held when its part lost a merge "
            + "(their writes were discarded)", discardedByMerge, LongAdder::sum);
    }

    /** Counts one operation of the store API by its name (set, get, increment...). */
    public void operation(String type) {
        LongAdder count = operations.get(type);
        if (count == null) {
            count = operations.computeIfAbsent(type, t -> {
                LongAdder adder = new LongAdder();
                FunctionCounter.builder(PREFIX + "operations", adder, LongAdder::sum).tag("node", nodeName)
                    .tag("type", t).description("store operations by type").register(registry);
                return adder;
            });
        }
        count.increment();
    }

    void replicated(long sentNanos) {
        replicationLatency.record(System.nanoTime() - sentNanos, TimeUnit.NANOSECONDS);
    }

    void bytesSent(int bytes) {
        bytesSent.add(bytes);
    }

    void duplicate() {
        duplicates.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void stateProvided() {
        stateTransfersProvided.increment();
    }

    void stateReceived() {
        stateTransfersReceived.increment();
    }

    void reconciled() {
        reconciliations.increment();
    }

    void merged() {
        merges.increment();
    }

    void discardedByMerge(long appliedIndex) {
        discardedByMerge.add(appliedIndex);
    }

    /** Registers a gauge read from the node when scraped. */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(PREFIX + name, source, value).description(description).tag("node", nodeName)
            .register(registry);
    }

    /** Registers a monotonic count read from the node when scraped. */
    public <T> void functionCounter(String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(PREFIX + name, source, value).description(description).tag("node", nodeName)
            .register(registry);
    }

    /** @return the binder that adds a registry to this node's meters */
    public MeterBinder binder() {
        return registry::add;
    }
}
