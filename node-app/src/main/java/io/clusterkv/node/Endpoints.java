package io.clusterkv.node;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;

/** Binding an endpoint's server socket, the same way for RESP and HTTP. */
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
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(context.acceptors(), context.workers())
            .channel(context.serverChannelType())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(initializer);
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
}
