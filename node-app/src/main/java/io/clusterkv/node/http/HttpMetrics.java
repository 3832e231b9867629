package io.clusterkv.node.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint's meters: {@code clusterkv.http.requests} counts answers by method, route pattern and status
 * (Prometheus: {@code clusterkv_http_requests_total}); {@code clusterkv.http.connections} is the number of open
 * connections. Routes are labelled by pattern ({@code /kv/{key}}), never by path, so the number of series stays
 * bounded whatever keys clients use.
 */
final class HttpMetrics {
    static final String REQUESTS = "clusterkv.http.requests";
    static final String CONNECTIONS = "clusterkv.http.connections";

    /** Any other method a client makes up is labelled "other", so it cannot add series. */
    private static final Set<HttpMethod> STANDARD_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
        HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS, HttpMethod.TRACE,
        HttpMethod.CONNECT);

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Exposes the number of open connections of the group. */
    void gaugeConnections(ChannelGroup connections) {
        Gauge.builder(CONNECTIONS, connections, ChannelGroup::size).description("open HTTP connections")
            .register(registry);
    }

    /** Counts one answer. */
    void count(HttpMethod method, String route, int status) {
        String methodLabel = STANDARD_METHODS.contains(method) ? method.name() : "other";
        String id = methodLabel + " " + route + " " + status;
        requests.computeIfAbsent(id, unused -> Counter.builder(REQUESTS)
            .description("HTTP requests answered, by method, route and status")
            .tag("method", methodLabel).tag("route", route).tag("status", Integer.toString(status))
            .register(registry)).increment();
    }
}
