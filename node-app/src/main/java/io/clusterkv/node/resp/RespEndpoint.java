package io.clusterkv.node.resp;

import io.clusterkv.node.Endpoint;
import io.clusterkv.node.Endpoints;
import io.clusterkv.node.NodeContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis protocol endpoint of a node: RESP2, and RESP3 after {@code HELLO 3}, for redis-cli, redis-benchmark,
 * Jedis, Lettuce and other Redis clients. Reads are served from the node's replica on the event loop; writes go
 * through the cluster without blocking it; each connection's replies go out in command order, pipelined.
 *
 * <p>Each connection's pipeline is a {@link RespDecoder} (requests, within the node's size limits) and a
 * {@link RespConnection} (ordering, execution, replies); the commands are in {@link RespCommands}. Meters:
 * {@code clusterkv.resp.connections}, {@code clusterkv.resp.commands}, {@code clusterkv.resp.rejected{reason}}.
 */
public final class RespEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(RespEndpoint.class);

    private final RespServer server;
    private final Channel listener;

    private RespEndpoint(RespServer server, Channel listener) {
        this.server = server;
        this.listener = listener;
    }

    /**
     * Listens on the node's RESP port ({@code --resp-port}) with the node's event loops.
     *
     * @return the listening endpoint
     * @throws io.clusterkv.node.PortInUseException if the port is taken
     */
    public static Endpoint listen(NodeContext context) {
        RespServer server = RespServer.of(context);
        Channel listener = Endpoints.bind(context, "RESP", context.settings().respPort(), "--resp-port",
            new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    server.initialize(channel);
                }
            });
        LOG.info("RESP endpoint listening on {}", listener.localAddress());
        return new RespEndpoint(server, listener);
    }

    @Override
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void stopAccepting() {
        listener.close().syncUninterruptibly();
    }

    @Override
    public void awaitInFlight(Duration max) {
        if (!server.inFlight().awaitNone(max)) {
            LOG.warn("{} RESP writes still unanswered after {}", server.inFlight().pending(), max);
        }
    }

    @Override
    public void close() {
        stopAccepting();
        server.connections().close().awaitUninterruptibly();
    }
}
