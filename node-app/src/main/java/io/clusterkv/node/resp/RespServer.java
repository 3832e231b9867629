package io.clusterkv.node.resp;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.config.NodeSettings;
import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.node.NodeContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of the RESP endpoint shares: the node, the limits, the command table, the meters, the
 * open connections, the client ids and the password check.
 */
final class RespServer {
    private final NodeSettings settings;
    private final Supplier<@Nullable AsyncKvStore> store;
    private final Supplier<@Nullable ClusterNode> cluster;
    private final RespLimits limits;
    private final CommandTable commands;
    private final RespMetrics metrics;
    private final Clock clock;
    private final long startedAtMillis;
    private final String runId;
    private final byte @Nullable [] passwordDigest;
    private final ChannelGroup connections = new DefaultChannelGroup("resp-connections",
        GlobalEventExecutor.INSTANCE);
    private final AtomicLong clientIds = new AtomicLong();
    private final InFlightWrites inFlight = new InFlightWrites();
    private final Map<EventExecutor, CompletionInbox> inboxes = new ConcurrentHashMap<>();

    /**
     * @param store   the store, or null while the node is still receiving the cluster's state
     * @param cluster the cluster node, or null likewise (INFO reports its view)
     * @param clock   the wall clock, for EXAT/PXAT, uptime and client ages
     */
    RespServer(NodeSettings settings, MeterRegistry registry, Supplier<@Nullable AsyncKvStore> store,
               Supplier<@Nullable ClusterNode> cluster, CommandTable commands, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.cluster = cluster;
        this.limits = RespLimits.from(settings);
        this.commands = commands;
        this.metrics = new RespMetrics(registry);
        this.clock = clock;
        this.startedAtMillis = clock.millis();
        byte[] runIdBytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(runIdBytes);
        this.runId = HexFormat.of().formatHex(runIdBytes);
        String password = settings.respPassword();
        this.passwordDigest = password == null ? null : sha256(password.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the server of a node's endpoint */
    static RespServer of(NodeContext context) {
        return new RespServer(context.settings(), context.metrics(), context::store, context::cluster,
            RespCommands.table(), Clock.systemUTC());
    }

    NodeSettings settings() {
        return settings;
    }

    /** @return the store, or null while the node is still receiving the cluster's state */
    @Nullable AsyncKvStore store() {
        return store.get();
    }

    /** @return the cluster node, or null while the node is still joining */
    @Nullable ClusterNode cluster() {
        return cluster.get();
    }

    RespLimits limits() {
        return limits;
    }

    CommandTable commands() {
        return commands;
    }

    RespMetrics metrics() {
        return metrics;
    }

    Clock clock() {
        return clock;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    /** @return a random id of this endpoint's run, as Redis' run_id */
    String runId() {
        return runId;
    }

    InFlightWrites inFlight() {
        return inFlight;
    }

    /** @return whether clients must authenticate (a RESP password is set) */
    boolean passwordRequired() {
        return passwordDigest != null;
    }

    /**
     * Checks a password in constant time: both sides are hashed first, so neither the content nor the length of
     * the configured password shows in the time taken.
     *
     * @return whether it is the configured password (false if none is configured)
     */
    boolean checkPassword(byte[] candidate) {
        return passwordDigest != null && MessageDigest.isEqual(passwordDigest, sha256(candidate));
    }

    /** @return a new client's session, with the next client id */
    private ClientSession newSession(Channel channel) {
        return new ClientSession(clientIds.incrementAndGet(), String.valueOf(channel.remoteAddress()).replace("/", ""),
            String.valueOf(channel.localAddress()).replace("/", ""), clock.millis(), passwordRequired());
    }

    /** @return the inbox through which write completions reach the connections of an event loop */
    CompletionInbox inbox(EventExecutor loop) {
        return inboxes.computeIfAbsent(loop, CompletionInbox::new);
    }

    /** Sets up a new connection's pipeline: the decoder, then the connection's handler. */
    void initialize(Channel channel) {
        ClientSession session = newSession(channel);
        channel.pipeline().addLast(new RespDecoder(limits, commands, session::mayExecute, metrics),
            new RespConnection(this, session));
    }

    /** Tracks an open connection, so it is counted and closed with the endpoint. */
    void opened(Channel channel) {
        metrics.connectionOpened();
        connections.add(channel);
    }

    void closed() {
        metrics.connectionClosed();
    }

    /** @return the sessions of the open connections, for CLIENT LIST */
    List<ClientSession> sessions() {
        List<ClientSession> sessions = new ArrayList<>();
        for (Channel channel : connections) {
            RespConnection connection = channel.pipeline().get(RespConnection.class);
            if (connection != null) {
                sessions.add(connection.session());
            }
        }
        return sessions;
    }

    /** @return the open connections */
    ChannelGroup connections() {
        return connections;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
