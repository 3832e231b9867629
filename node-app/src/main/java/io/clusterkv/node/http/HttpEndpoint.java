package io.clusterkv.node.http;

import io.clusterkv.config.NodeSettings;
import io.clusterkv.node.Endpoint;
import io.clusterkv.node.Endpoints;
import io.clusterkv.node.NodeContext;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP/1.1 endpoint: the JSON API over the store, {@code /cluster}, {@code /metrics} and the health
 * checks, served by Netty on the node's worker event loops. Connections are kept alive and may pipeline requests;
 * no event loop ever waits on the cluster (writes are answered when their future completes). The routes are in
 * {@link HttpRoutes}; docs/http-api.md documents them.
 */
public final class HttpEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final Channel server;
    private final ChannelGroup connections;
    private final InFlightRequests inFlight;

    private HttpEndpoint(Channel server, ChannelGroup connections, InFlightRequests inFlight) {
        this.server = server;
        this.connections = connections;
        this.inFlight = inFlight;
    }

    /**
     * Listens on the HTTP port of the node's settings. Requests are answered from then on: the health checks at
     * once, the store's routes with 503 until the node holds the cluster's state.
     *
     * @return the listening endpoint
     * @throws io.clusterkv.node.PortInUseException if the port is taken
     */
    public static Endpoint listen(NodeContext context) {
        NodeSettings settings = context.settings();
        HttpMetrics metrics = new HttpMetrics(context.metrics());
        Router routes = HttpRoutes.table(new KvHandlers(context), new NodeHandlers(context));
        HttpApi api = new HttpApi(routes, BearerAuth.of(settings.httpToken()),
            new Limits(settings.maxKeyBytes(), settings.maxValueBytes()), metrics, settings.maxRequestBytes());
        ChannelGroup connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
        metrics.gaugeConnections(connections);
        InFlightRequests inFlight = new InFlightRequests();
        Channel server = Endpoints.bind(context, "HTTP", settings.httpPort(), "--http-port",
            new HttpChannelInitializer(api, inFlight, connections, settings.maxKeyBytes(),
                settings.maxRequestBytes()));
        LOG.info("HTTP listening on {}", server.localAddress());
        return new HttpEndpoint(server, connections, inFlight);
    }

    @Override
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void stopAccepting() {
        server.close().syncUninterruptibly();
    }

    @Override
    public void awaitInFlight(Duration max) {
        if (!inFlight.awaitNone(max)) {
            LOG.warn("HTTP requests still unanswered after {}; closing anyway", max);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
