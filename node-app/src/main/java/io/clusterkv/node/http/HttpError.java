package io.clusterkv.node.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A request the API refuses for a reason of HTTP's own (a bad query parameter, a missing key, an unknown route, a
 * node still loading), with the status and headers of its answer. Errors of the store keep their own exceptions
 * and are mapped by {@link ErrorReplies}.
 */
final class HttpError extends RuntimeException {
    private final HttpResponseStatus status;
    private final Map<String, String> headers;

    HttpError(HttpResponseStatus status, String message, Map<String, String> headers) {
        // An expected outcome, not a bug: no stack trace to fill in.
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static HttpError badRequest(String message) {
        return new HttpError(HttpResponseStatus.BAD_REQUEST, message, Map.of());
    }

    static HttpError notFound(String message) {
        return new HttpError(HttpResponseStatus.NOT_FOUND, message, Map.of());
    }

    static HttpError unavailable(String message) {
        return new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, message, Map.of());
    }

    HttpResponseStatus status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
