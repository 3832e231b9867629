package io.clusterkv.node;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.PartitionPolicy;
import io.clusterkv.config.NodeSettings;
import io.clusterkv.config.SettingsException;
import io.clusterkv.node.http.HttpEndpoint;
import io.clusterkv.node.resp.RespEndpoint;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: its endpoints, its cluster node and its metrics. Starting binds the endpoints first (so a port in
 * use is reported before anything joins), then joins the cluster and waits for its state, then serves.
 */
public final class NodeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);

    private final NodeContext context;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private @Nullable JvmGcMetrics gcMetrics;
    private volatile boolean closed;

    private NodeServer(NodeContext context) {
        this.context = context;
    }

    /**
     * Starts a node and returns once it holds the cluster's state.
     *
     * @throws PortInUseException if an endpoint's port is taken
     * @throws SettingsException if a setting turns out unusable (a class to register is missing, a TLS certificate
     *                           that does not load)
     * @throws io.clusterkv.core.KvException if the node cannot join within the join timeout
     */
    public static NodeServer start(NodeSettings settings) {
        SslContext tls = ClientTls.load(settings);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup acceptors = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventLoopGroup workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
            : NioServerSocketChannel.class;
        NodeServer server = new NodeServer(new NodeContext(settings, metrics, acceptors, workers, channelType,
            tls));
        try {
            server.bindJvmMeters();
            server.listen();
            server.join();
            return server;
        } catch (RuntimeException failure) {
            server.close();
            throw failure;
        }
    }

    private void bindJvmMeters() {
        PrometheusMeterRegistry registry = context.metrics();
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void listen() {
        NodeSettings settings = context.settings();
        if (settings.respPort() != 0) {
            endpoints.add(RespEndpoint.listen(context));
        }
        if (settings.httpPort() != 0) {
            endpoints.add(HttpEndpoint.listen(context));
        }
    }

    private void join() {
        NodeSettings settings = context.settings();
        LOG.info("starting {}", settings);
        ClusterNode.Builder builder = ClusterNode.builder();
        if (settings.clusterSecret() != null) {
            builder.clusterSecret(settings.clusterSecret());
        }
        ClusterNode node = builder
            .clusterName(settings.clusterName())
            .nodeName(settings.nodeName())
            .stack(StackFactory.stackFor(settings))
            .registerClasses(ValueClasses.load(settings.kryoClasses()))
            .writeTimeout(settings.writeTimeout())
            .joinTimeout(settings.joinTimeout())
            .sweepInterval(settings.sweepInterval())
            .expectedSize(settings.expectedSize())
            .partitionPolicy(partitionPolicy(settings))
            .minorityReads(settings.minorityReads())
            .start();
        node.meterBinder().bindTo(context.metrics());
        JGroupsMeters.bind(node.jgroupsChannel(), context.metrics());
        JGroupsMeters.bindClusterSecret(node, context.metrics());
        context.attach(node);
        LOG.info("node {} ready: {}; RESP on {}:{}, HTTP on {}:{}", settings.nodeName(), node.view(),
            settings.bindAddress(), settings.respPort(), settings.bindAddress(), settings.httpPort());
    }

    private static PartitionPolicy partitionPolicy(NodeSettings settings) {
        return switch (settings.partitionPolicy()) {
            case AUTO -> settings.expectedSize() > 0 ? PartitionPolicy.MAJORITY : PartitionPolicy.NONE;
            case NONE -> PartitionPolicy.NONE;
            case MAJORITY -> PartitionPolicy.MAJORITY;
            case ALLOW_ALL -> PartitionPolicy.ALLOW_ALL;
        };
    }

    /** @return what the endpoints share */
    public NodeContext context() {
        return context;
    }

    /**
     * Stops gracefully: the endpoints stop accepting and finish the requests in flight, the node leaves the
     * cluster (the others see a leave, not a crash), then the event loops stop.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("stopping node {}", context.settings().nodeName());
        for (Endpoint endpoint : endpoints) {
            endpoint.stopAccepting();
        }
        for (Endpoint endpoint : endpoints) {
            endpoint.awaitInFlight(context.settings().writeTimeout());
        }
        ClusterNode node = context.cluster();
        if (node != null) {
            node.close();
        }
        for (Endpoint endpoint : endpoints) {
            endpoint.close();
        }
        context.workers().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        context.acceptors().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        context.metrics().close();
        LOG.info("node {} stopped", context.settings().nodeName());
    }
}
