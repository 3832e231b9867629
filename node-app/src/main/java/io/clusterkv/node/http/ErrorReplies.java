package io.clusterkv.node.http;

import io.clusterkv.cluster.NoQuorumException;
import io.clusterkv.cluster.WriteOutcomeUnknownException;
import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.KvException;
import io.clusterkv.core.OverflowException;
import io.clusterkv.core.WrongTypeException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status of every failure, in one place. The store's own errors keep its message word for word, so a client
 * reads the same text over HTTP, RESP and the Java API:
 *
 * <ul>
 *   <li>400: {@link InvalidArgumentException} (null value, TTL not positive, key or value over the limits),
 *       {@link WrongTypeException} ("existing value must be an integer"), {@link OverflowException};</li>
 *   <li>503: {@link NoQuorumException}: this node's part of a split cluster refuses writes; retry later;</li>
 *   <li>504: {@link WriteOutcomeUnknownException}: the write may still be applied;</li>
 *   <li>the status an {@link HttpError} carries (400, 401, 404, 405, 503);</li>
 *   <li>500: anything else, logged.</li>
 * </ul>
 */
final class ErrorReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);

    private ErrorReplies() {
    }

    /** @return the answer to a failed request */
    static Reply of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpError refused) {
            return Reply.error(refused.status(), refused.getMessage()).withHeaders(refused.headers());
        }
        if (cause instanceof InvalidArgumentException || cause instanceof WrongTypeException
            || cause instanceof OverflowException) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, cause.getMessage());
        }
        if (cause instanceof NoQuorumException noQuorum) {
            return Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, noQuorum.getMessage());
        }
        if (cause instanceof WriteOutcomeUnknownException unknown) {
            return Reply.error(HttpResponseStatus.GATEWAY_TIMEOUT, unknown.getMessage());
        }
        if (cause instanceof KvException storeFailure) {
            LOG.warn("store failure: {}", storeFailure.getMessage());
            return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, storeFailure.getMessage());
        }
        LOG.error("internal error answering an HTTP request", cause);
        return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error; the node's log has the details");
    }

    /** Futures wrap the store's exception; the answer is about the exception itself. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
            && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
