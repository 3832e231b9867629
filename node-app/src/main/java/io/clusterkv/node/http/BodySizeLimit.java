package io.clusterkv.node.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator, bounded by {@code max-request-bytes}, whose refusals of larger bodies are the API's: a JSON
 * 413, counted in the metrics and, for a request already sent, answered in its place among pipelined requests. Netty
 * alone would answer at once with an empty 413, possibly ahead of replies still due to earlier requests.
 */
final class BodySizeLimit extends HttpObjectAggregator {
    private final HttpApi api;

    BodySizeLimit(long maxRequestBytes, HttpApi api) {
        super((int) Math.min(Integer.MAX_VALUE, maxRequestBytes));
        this.api = api;
    }

    /**
     * Passes the oversized request on as one that failed to decode, for {@link HttpApi} to answer. The aggregator
     * then skips the rest of its body, so the connection can serve the next request, except when part of the body
     * was already aggregated (a chunked body that grew too large): as Netty does, that connection closes.
     */
    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        HttpHeaders headers = request.headers().copy();
        DefaultFullHttpRequest refused = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
            request.uri(), Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
        if (oversized instanceof FullHttpMessage) {
            HttpUtil.setKeepAlive(refused, false);
        }
        refused.setDecoderResult(DecoderResult.failure(new TooLongHttpContentException(
            "body over " + maxContentLength() + " bytes")));
        ctx.fireChannelRead(refused);
    }

    /** With {@code Expect: 100-continue}, the client waits for this answer before it sends the body. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse refusal
            && refusal.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()
            && start instanceof HttpRequest request) {
            ReferenceCountUtil.release(response);
            return api.answerTooLarge(request).toResponse();
        }
        return response;
    }
}
