package io.clusterkv.node.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the route table: a method and a path pattern, whether the bearer token is required, and the handler
 * that answers. A pattern is literal segments and at most one {@code {key}} segment, which matches any one raw
 * segment (a key containing '/' is sent as {@code %2F}).
 */
final class Route {
    static final String KEY = "{key}";

    /** Answers a request: at once for reads, when the write completes for writes. */
    @FunctionalInterface
    interface Handler {
        /**
         * @return the answer; a failure (thrown or in the stage) is answered by {@link ErrorReplies}
         */
        CompletionStage<Reply> handle(HttpCall call);
    }

    private final HttpMethod method;
    private final String pattern;
    private final List<String> segments;
    private final boolean open;
    private final Handler handler;

    private Route(HttpMethod method, String pattern, boolean open, Handler handler) {
        this.method = method;
        this.pattern = pattern;
        this.segments = List.of(pattern.substring(1).split("/", -1));
        this.open = open;
        this.handler = handler;
    }

    /** @return a route that needs the bearer token, when one is configured */
    static Route of(HttpMethod method, String pattern, Handler handler) {
        return new Route(method, pattern, false, handler);
    }

    /** @return a route anyone may call (health checks, which probes call without credentials) */
    static Route open(HttpMethod method, String pattern, Handler handler) {
        return new Route(method, pattern, true, handler);
    }

    HttpMethod method() {
        return method;
    }

    /** @return the pattern, which also labels the route's metrics */
    String pattern() {
        return pattern;
    }

    boolean isOpen() {
        return open;
    }

    Handler handler() {
        return handler;
    }

    /**
     * @param path the raw path's segments, not decoded
     * @return whether the path fits the pattern
     */
    boolean matches(List<String> path) {
        if (path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            if (!segments.get(i).equals(KEY) && !segments.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return the raw {key} segment of a matching path, or null if the pattern has none */
    @Nullable String rawKey(List<String> path) {
        int index = segments.indexOf(KEY);
        return index < 0 ? null : path.get(index);
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
