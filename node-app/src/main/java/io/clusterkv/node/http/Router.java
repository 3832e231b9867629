package io.clusterkv.node.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds the route of a request in the table: the first route whose pattern fits the path and whose method is the
 * request's. A path that fits only routes of other methods is refused with 405 and {@code Allow}; a path that fits
 * none with 404.
 */
final class Router {
    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * What the table says about a request.
     *
     * @param route   the route that answers it, or null
     * @param rawKey  the raw {key} segment of its path, or null
     * @param refusal why no route answers it (404, 405), or null when one does
     */
    record Resolution(@Nullable Route route, @Nullable String rawKey, @Nullable HttpError refusal) {

        Resolution {
            if ((route == null) == (refusal == null)) {
                throw new IllegalArgumentException("a request has either a route or a refusal");
            }
        }

        /** @return whether the request may be answered without the bearer token */
        boolean isOpen() {
            return route != null && route.isOpen();
        }

        /** @return the route label of the request's metrics */
        String label() {
            return route != null ? route.pattern() : "unmatched";
        }
    }

    /** @param rawPath the path as sent, not percent-decoded */
    Resolution resolve(HttpMethod method, String rawPath) {
        List<String> path = segments(rawPath);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(path)) {
                if (route.method().equals(method)) {
                    return new Resolution(route, route.rawKey(path), null);
                }
                allowed.add(route.method());
            }
        }
        return new Resolution(null, null, allowed.isEmpty() ? notFound(method, rawPath) : notAllowed(method, allowed));
    }

    private static List<String> segments(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return List.of();
        }
        return List.of(rawPath.substring(1).split("/", -1));
    }

    private static HttpError notFound(HttpMethod method, String rawPath) {
        return HttpError.notFound("no route for " + method + " " + rawPath);
    }

    private static HttpError notAllowed(HttpMethod method, Set<HttpMethod> allowed) {
        String methods = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        return new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + method + " is not allowed here; "
            + "allowed: " + methods, Map.of(HttpHeaderNames.ALLOW.toString(), methods));
    }
}
