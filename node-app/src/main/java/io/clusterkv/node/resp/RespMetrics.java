package io.clusterkv.node.resp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The RESP endpoint's meters: open connections, connections accepted, commands executed and requests refused by
 * reason. Counting is on the hot path, so the counts live in adders that the registry reads when scraped (and
 * INFO reads directly).
 */
final class RespMetrics {
    private final AtomicInteger connections = new AtomicInteger();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final Map<RejectionReason, Counter> rejections = new EnumMap<>(RejectionReason.class);

    /** Registers the meters in {@code registry}. */
    RespMetrics(MeterRegistry registry) {
        Gauge.builder("clusterkv.resp.connections", connections, AtomicInteger::get)
            .description("open RESP connections").register(registry);
        FunctionCounter.builder("clusterkv.resp.connections.accepted", connectionsAccepted, LongAdder::sum)
            .description("RESP connections accepted").register(registry);
        FunctionCounter.builder("clusterkv.resp.commands", commands, LongAdder::sum)
            .description("RESP commands executed, errors included").register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            rejections.put(reason, Counter.builder("clusterkv.resp.rejected").tag("reason", reason.tag())
                .description("RESP requests refused: over a size limit, or malformed (the connection is closed)")
                .register(registry));
        }
    }

    void connectionOpened() {
        connections.incrementAndGet();
        connectionsAccepted.increment();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void commandExecuted() {
        commands.increment();
    }

    void rejected(RejectionReason reason) {
        rejections.get(reason).increment();
    }

    /** @return connections open now */
    int connections() {
        return connections.get();
    }

    /** @return connections accepted since start */
    long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** @return commands executed since start */
    long commands() {
        return commands.sum();
    }
}
