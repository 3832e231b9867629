package io.clusterkv.node;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.config.NodeSettings;
import io.clusterkv.core.AsyncKvStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * What the endpoints of a node share: its settings, its metrics, the event loops they run on and, once the node
 * has joined and holds the cluster's state, the cluster node and its store. The endpoints listen before that, so
 * a port already in use is found at once and health checks answer while the node joins; until then they answer
 * that the node is loading.
 */
public final class NodeContext {
    private final NodeSettings settings;
    private final PrometheusMeterRegistry metrics;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> serverChannelType;
    private final @Nullable SslContext tls;
    private volatile @Nullable ClusterNode cluster;

    NodeContext(NodeSettings settings, PrometheusMeterRegistry metrics, EventLoopGroup acceptors,
                EventLoopGroup workers, Class<? extends ServerChannel> serverChannelType, @Nullable SslContext tls) {
        this.tls = tls;
        this.settings = settings;
        this.metrics = metrics;
        this.acceptors = acceptors;
        this.workers = workers;
        this.serverChannelType = serverChannelType;
    }

    /** @return the node's settings */
    public NodeSettings settings() {
        return settings;
    }

    /** @return the registry every meter of the node is in, scraped at {@code /metrics} */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** @return the event loops that accept connections */
    public EventLoopGroup acceptors() {
        return acceptors;
    }

    /** @return the event loops that serve connections (one for both endpoints) */
    public EventLoopGroup workers() {
        return workers;
    }

    /** @return epoll's server channel where available, else NIO's */
    public Class<? extends ServerChannel> serverChannelType() {
        return serverChannelType;
    }

    /**
     * @param resp true for the RESP endpoint, false for HTTP
     * @return the TLS context the endpoint serves with, or null if it serves plain TCP
     */
    public @Nullable SslContext tls(boolean resp) {
        NodeSettings.Tls configured = settings.tls();
        if (tls == null || configured == null) {
            return null;
        }
        return (resp ? configured.resp() : configured.http()) ? tls : null;
    }

    /** @return the cluster node once it holds the cluster's state, else null (the node is loading) */
    public @Nullable ClusterNode cluster() {
        return cluster;
    }

    /** @return the store once the node holds the cluster's state, else null (the node is loading) */
    public @Nullable AsyncKvStore store() {
        ClusterNode node = cluster;
        return node == null ? null : node.store();
    }

    void attach(ClusterNode node) {
        this.cluster = node;
    }
}
