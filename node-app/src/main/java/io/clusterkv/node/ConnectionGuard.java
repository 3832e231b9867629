package io.clusterkv.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The connection limits of one endpoint, early in every connection's pipeline (before TLS, so a refused
 * connection costs no handshake): at most
 * {@code max-connections} open at once (one more is told so and closed, as Redis answers a client over maxclients),
 * and a connection silent for longer than the idle timeout is closed (an IdleStateHandler before this one signals
 * it). Both are counted in {@code clusterkv.client.rejected{endpoint, reason}}. A connection that waits for
 * nothing but still holds memory and a file descriptor is what slowloris-style clients exploit; the two limits
 * bound how many there can be and how long each lasts.
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    /** The meter, tagged by endpoint and reason. */
    static final String REJECTED = "clusterkv.client.rejected";

    private final int maxConnections;
    private final @Nullable Function<String, byte[]> refusal;
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("clusterkv.refused");

    private final AtomicInteger open = new AtomicInteger();
    private final Counter overLimit;
    private final Counter idle;

    /**
     * @param endpoint       the tag value: resp or http
     * @param maxConnections the most open connections
     * @param refusal        the bytes a connection over the limit is sent before it closes, given the message;
     *                       null to close it without a word (under TLS: no plaintext goes into a TLS stream)
     */
    ConnectionGuard(MeterRegistry registry, String endpoint, int maxConnections, @Nullable Function<String, byte[]> refusal) {
        this.maxConnections = maxConnections;
        this.refusal = refusal;
        this.overLimit = counter(registry, endpoint, "max-connections");
        this.idle = counter(registry, endpoint, "idle-timeout");
    }

    private static Counter counter(MeterRegistry registry, String endpoint, String reason) {
        return Counter.builder(REJECTED).tag("endpoint", endpoint).tag("reason", reason)
            .description("client connections closed by a connection limit").register(registry);
    }

    /** @return the reply Redis gives a client over maxclients, as RESP bytes */
    static byte[] respRefusal(String message) {
        return ("-ERR " + message + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** @return an HTTP 503 with the message as the API's JSON error */
    static byte[] httpRefusal(String message) {
        String body = "{\"error\":\"" + message + "\"}";
        return ("HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: "
            + body.length() + "\r\nconnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > maxConnections) {
            overLimit.increment();
            // The handlers after this one never hear of the connection: nothing it sends is read.
            ctx.channel().attr(REFUSED).set(true);
            ctx.channel().config().setAutoRead(false);
            if (refusal == null) {
                ctx.close();
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(refusal.apply("max number of clients reached ("
                + maxConnections + ", max-connections)"))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        if (ctx.channel().attr(REFUSED).get() == null) {
            ctx.fireChannelInactive();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            idle.increment();
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** @return connections open now, refused ones included until they close */
    int open() {
        return open.get();
    }
}
