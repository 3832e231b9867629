package io.clusterkv.node.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.concurrent.CompletableFuture;

/**
 * Answers requests, whatever connection they came on: the token check, the route table, the handler, and the
 * mapping of every failure to its status ({@link ErrorReplies}). Each answer is counted in the metrics. The future
 * it returns never fails.
 */
final class HttpApi {
    private final Router router;
    private final BearerAuth auth;
    private final Limits limits;
    private final HttpMetrics metrics;
    private final long maxRequestBytes;

    HttpApi(Router router, BearerAuth auth, Limits limits, HttpMetrics metrics, long maxRequestBytes) {
        this.router = router;
        this.auth = auth;
        this.limits = limits;
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * @param request valid until this method returns: handlers read the body synchronously
     * @return the answer, completed at once for reads and refusals, when the write is applied for writes
     */
    CompletableFuture<Reply> answer(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Router.Resolution resolution = router.resolve(request.method(), uri.rawPath());
        CompletableFuture<Reply> reply = request.decoderResult().isFailure()
            ? CompletableFuture.completedFuture(undecodable(request))
            : dispatch(request, uri, resolution);
        return reply.whenComplete((answer, impossible) ->
            metrics.count(request.method(), resolution.label(), answer.status().code()));
    }

    /**
     * Answers, and counts, a request announcing a body over {@code max-request-bytes} with
     * {@code Expect: 100-continue}: the aggregator sends this instead of "100 Continue", outside {@link #answer}.
     */
    Reply answerTooLarge(HttpRequest request) {
        Reply reply = tooLarge();
        metrics.count(request.method(), router.resolve(request.method(),
            new QueryStringDecoder(request.uri()).rawPath()).label(), reply.status().code());
        return reply;
    }

    private Reply tooLarge() {
        return Reply.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body is larger than "
            + "max-request-bytes (" + maxRequestBytes + " bytes)");
    }

    private CompletableFuture<Reply> dispatch(FullHttpRequest request, QueryStringDecoder uri,
                                              Router.Resolution resolution) {
        try {
            if (!resolution.isOpen()) {
                // Before the route's 404 or 405 too, so that without the token nothing about the API is revealed.
                auth.check(request.headers());
            }
            Route route = resolution.route();
            if (route == null) {
                throw resolution.refusal();
            }
            HttpCall call = new HttpCall(request, uri, resolution.rawKey(), limits);
            return route.handler().handle(call).toCompletableFuture().exceptionally(ErrorReplies::of);
        } catch (RuntimeException failure) {
            return CompletableFuture.completedFuture(ErrorReplies.of(failure));
        }
    }

    /**
     * Netty could not decode the request: its line or headers are too long, its body is over the limit (see
     * {@link BodySizeLimit}) or it is not HTTP. Only after an oversized body can the connection go on: the aggregator
     * skips the rest of that body; after the other failures the decoder cannot find the next request.
     */
    private Reply undecodable(FullHttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpContentException) {
            return HttpUtil.isKeepAlive(request) ? tooLarge() : tooLarge().closingConnection();
        }
        if (cause instanceof TooLongHttpLineException) {
            return Reply.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line is too long: "
                + cause.getMessage()).closingConnection();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Reply.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers are too large: "
                + cause.getMessage()).closingConnection();
        }
        return Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + cause.getMessage())
            .closingConnection();
    }
}
