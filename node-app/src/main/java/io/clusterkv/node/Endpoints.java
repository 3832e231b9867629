package io.clusterkv.node;

import io.clusterkv.config.NodeSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Binding an endpoint's server socket, the same way for RESP and HTTP, with what every connection of either gets
 * first: the connection limits ({@link ConnectionGuard}) and, when configured, TLS.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Binds a server socket on the node's bind address.
     *
     * @param name the endpoint, for the error message (RESP, HTTP)
     * @param flag the flag that chooses its port, for the error message
     * @return the listening channel
     * @throws PortInUseException if the port is taken
     */
    public static Channel bind(NodeContext context, String name, int port, String flag,
                               ChannelInitializer<SocketChannel> initializer) {
        String address = context.settings().bindAddress();
        ChannelInitializer<SocketChannel> guarded = guarded(context, name, initializer);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(context.acceptors(), context.workers())
            .channel(context.serverChannelType())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(guarded);
        try {
            return bootstrap.bind(new InetSocketAddress(address, port)).syncUninterruptibly().channel();
        } catch (Exception failure) { // Netty rethrows the checked BindException undeclared
            if (failure instanceof BindException || failure.getCause() instanceof BindException
                || String.valueOf(failure.getMessage()).contains("Address already in use")) {
                throw new PortInUseException(name, address, port, flag);
            }
            throw failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException(name + " cannot listen on " + address + ":" + port + ": " + failure,
                    failure);
        }
    }

    /**
     * Puts the idle timer, the connection guard and TLS in front of the endpoint's own handlers. The guard comes
     * before TLS, so a connection over the limit costs no handshake.
     */
    private static ChannelInitializer<SocketChannel> guarded(NodeContext context, String name,
                                                             ChannelInitializer<SocketChannel> initializer) {
        NodeSettings settings = context.settings();
        boolean resp = name.equals("RESP");
        SslContext tls = context.tls(resp);
        Function<String, byte[]> refusal = tls != null ? null
            : resp ? ConnectionGuard::respRefusal : ConnectionGuard::httpRefusal;
        ConnectionGuard guard = new ConnectionGuard(context.metrics(), resp ? "resp" : "http",
            settings.maxConnections(), refusal);
        long idleMillis = (resp ? settings.respIdleTimeout() : settings.httpIdleTimeout()).toMillis();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                if (idleMillis > 0) {
                    channel.pipeline().addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
                }
                channel.pipeline().addLast(guard);
                if (tls != null) {
                    channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                }
                channel.pipeline().addLast(initializer);
            }
        };
    }
}
