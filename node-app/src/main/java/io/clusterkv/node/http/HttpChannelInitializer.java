package io.clusterkv.node.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The pipeline of each connection: HTTP/1.1 codec, keep-alive (the connection stays open unless the client or an
 * answer says otherwise), the body aggregator bounded by {@code max-request-bytes}, then the API.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Request line room beyond the key: method, route, query, version. */
    private static final int LINE_OVERHEAD = 8 * 1024;

    private final HttpApi api;
    private final InFlightRequests inFlight;
    private final ChannelGroup connections;
    private final long maxKeyBytes;
    private final long maxRequestBytes;

    HttpChannelInitializer(HttpApi api, InFlightRequests inFlight, ChannelGroup connections, long maxKeyBytes,
                           long maxRequestBytes) {
        this.api = api;
        this.inFlight = inFlight;
        this.connections = connections;
        this.maxKeyBytes = maxKeyBytes;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        channel.pipeline().addLast(
            new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(maxInitialLineLength())),
            new HttpServerKeepAliveHandler(),
            new BodySizeLimit(maxRequestBytes, api),
            new HttpConnectionHandler(api, inFlight));
    }

    /** Room for the largest key, percent-encoded (up to three characters a byte), in the request line. */
    private int maxInitialLineLength() {
        return (int) Math.min(Integer.MAX_VALUE / 2, 3 * maxKeyBytes + LINE_OVERHEAD);
    }
}
