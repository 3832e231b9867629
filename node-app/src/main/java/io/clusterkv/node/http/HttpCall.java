package io.clusterkv.node.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request as a route's handler sees it: the key in its path, its query parameters and its body. Valid only
 * while the handler runs synchronously: the body is released once it returns.
 */
final class HttpCall {
    private final FullHttpRequest request;
    private final QueryStringDecoder uri;
    private final @Nullable String rawKey;
    private final Limits limits;

    HttpCall(FullHttpRequest request, QueryStringDecoder uri, @Nullable String rawKey, Limits limits) {
        this.request = request;
        this.uri = uri;
        this.rawKey = rawKey;
        this.limits = limits;
    }

    /**
     * @return the {key} segment of the path, percent-decoded ({@code %2F} for '/'; '+' stays '+')
     * @throws HttpError (400) if its percent-encoding is malformed
     * @throws io.clusterkv.core.InvalidArgumentException if it is longer than {@code max-key-bytes}
     */
    String key() {
        if (rawKey == null) {
            throw new IllegalStateException("route has no {key}");
        }
        return limits.requireKey(percentDecoded(rawKey));
    }

    private static String percentDecoded(String segment) {
        try {
            // decodeComponent follows form encoding, where '+' means space; in a path it is a plain '+'.
            return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw HttpError.badRequest("malformed percent-encoding in key: " + malformed.getMessage());
        }
    }

    /** @return the integer query parameter, or {@code fallback} when it is absent */
    long longParameter(String name, long fallback) {
        String text = parameter(name);
        return text == null ? fallback : parseLong(name, text);
    }

    /**
     * @return the integer query parameter
     * @throws HttpError (400) if it is absent or not an integer
     */
    long requiredLongParameter(String name) {
        String text = parameter(name);
        if (text == null) {
            throw HttpError.badRequest("query parameter '" + name + "' is required");
        }
        return parseLong(name, text);
    }

    /** @return whether the query has the parameter */
    boolean hasParameter(String name) {
        return parameter(name) != null;
    }

    /** @return the body, readable only while the handler runs */
    ByteBuf body() {
        return request.content();
    }

    /** @return the node's size limits */
    Limits limits() {
        return limits;
    }

    private @Nullable String parameter(String name) {
        List<String> values;
        try {
            values = uri.parameters().get(name);
        } catch (IllegalArgumentException malformed) {
            throw HttpError.badRequest("malformed query string: " + malformed.getMessage());
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long parseLong(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notAnInteger) {
            throw HttpError.badRequest("query parameter '" + name + "' must be an integer, got '" + text + "'");
        }
    }
}
