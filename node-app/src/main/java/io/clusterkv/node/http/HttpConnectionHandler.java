package io.clusterkv.node.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection: hands its requests to the API one at a time and writes each answer.
 *
 * <p>HTTP/1.1 lets a client send requests before the earlier answers arrive (pipelining). Answers must go back in
 * request order, and a read sent after a write must see it; but a write is answered only when the cluster has
 * applied it, while a read is answered at once. So a request that arrives while an earlier one is unanswered waits
 * here, and reading from the socket pauses until the queue drains. Connections without pipelining, the common case,
 * never queue. The queue is only touched on the connection's event loop; a write completing on a cluster thread
 * hands over to it.
 */
final class HttpConnectionHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionHandler.class);

    private final HttpApi api;
    private final InFlightRequests inFlight;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;

    HttpConnectionHandler(HttpApi api, InFlightRequests inFlight) {
        this.api = api;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        inFlight.begin();
        if (answering) {
            waiting.add(request.retain());
            ctx.channel().config().setAutoRead(false);
            return;
        }
        answer(ctx, request);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        CompletableFuture<Reply> answer = api.answer(request);
        if (answer.isDone()) {
            write(ctx, answer.join());
            return;
        }
        answering = true;
        answer.whenComplete((reply, impossible) -> ctx.executor().execute(() -> {
            answering = false;
            write(ctx, reply);
            answerWaiting(ctx);
        }));
    }

    private void answerWaiting(ChannelHandlerContext ctx) {
        while (!answering && !waiting.isEmpty()) {
            FullHttpRequest next = waiting.poll();
            try {
                answer(ctx, next);
            } finally {
                next.release();
            }
        }
        if (waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void write(ChannelHandlerContext ctx, Reply reply) {
        ctx.writeAndFlush(reply.toResponse()).addListener((ChannelFutureListener) written -> inFlight.end());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Nobody is left to answer.
        for (FullHttpRequest request : waiting) {
            request.release();
            inFlight.end();
        }
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A client that goes away mid-request is its own business, not the node's: no stack trace in the log
        // for what any client (or attacker) can cause at will.
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
