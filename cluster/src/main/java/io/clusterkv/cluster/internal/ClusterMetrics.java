package io.clusterkv.cluster.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A node's meters. They live in a composite registry from the start, so recording costs next to nothing until
 * someone binds a real registry (then the composite forwards to it); {@link #binder()} is what users bind.
 */
public final class ClusterMetrics {
    private static final String PREFIX = "clusterkv.";

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final String nodeName;
    private final Map<String, Counter> operations = new ConcurrentHashMap<>();
    private final Timer replicationLatency;
    private final Counter bytesSent;
    private final Counter duplicates;
    private final Counter malformed;
    private final Counter stateTransfersProvided;
    private final Counter stateTransfersReceived;
    private final Counter reconciliations;

    /** @param nodeName tags every meter */
    public ClusterMetrics(String nodeName) {
        this.nodeName = nodeName;
        this.replicationLatency = Timer.builder(PREFIX + "replication.latency")
            .description("time from sending a write to its application on the sending node")
            .tag("node", nodeName).publishPercentiles(0.5, 0.99, 0.999).register(registry);
        this.bytesSent = counter("bytes.sent", "bytes of ordered batches sent by this node");
        this.duplicates = counter("commands.duplicates", "commands delivered again and skipped");
        this.malformed = counter("commands.malformed", "commands that did not decode and were skipped");
        this.stateTransfersProvided = Counter.builder(PREFIX + "state.transfers").tag("node", nodeName)
            .tag("role", "provider").description("state transfers").register(registry);
        this.stateTransfersReceived = Counter.builder(PREFIX + "state.transfers").tag("node", nodeName)
            .tag("role", "joiner").description("state transfers").register(registry);
        this.reconciliations = counter("reconciliations", "coordinator changes reconciled");
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).tag("node", nodeName).register(registry);
    }

    /** Counts one operation of the store API by its name (set, get, increment...). */
    public void operation(String type) {
        operations.computeIfAbsent(type, t -> Counter.builder(PREFIX + "operations").tag("node", nodeName)
            .tag("type", t).description("store operations by type").register(registry)).increment();
    }

    void replicated(long sentNanos) {
        replicationLatency.record(System.nanoTime() - sentNanos, TimeUnit.NANOSECONDS);
    }

    void bytesSent(int bytes) {
        bytesSent.increment(bytes);
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

    /** Registers a gauge read from the node when scraped. */
    <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(PREFIX + name, source, value).description(description).tag("node", nodeName)
            .register(registry);
    }

    /** Registers a monotonic count read from the node when scraped. */
    <T> void functionCounter(String name, String description, T source, ToDoubleFunction<T> value) {
        FunctionCounter.builder(PREFIX + name, source, value).description(description).tag("node", nodeName)
            .register(registry);
    }

    /** @return the binder that adds a registry to this node's meters */
    public MeterBinder binder() {
        return this::bindTo;
    }

    private void bindTo(MeterRegistry target) {
        registry.add(target);
    }

    /** @return the timer of replication latency, for reports */
    public Supplier<Timer> latency() {
        return () -> replicationLatency;
    }
}
