package io.clusterkv.node.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer before it is encoded: its status, body and content type, the few headers some answers carry
 * ({@code Allow}, {@code WWW-Authenticate}) and whether the connection closes after it.
 *
 * @param status          the HTTP status
 * @param contentType     the body's media type
 * @param body            the encoded body
 * @param headers         extra headers
 * @param closeConnection whether the connection cannot serve another request after this answer
 */
record Reply(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
             boolean closeConnection) {
    static final String JSON = "application/json";

    Reply {
        headers = Map.copyOf(headers);
    }

    /** @return a 200 answer with {@code body} as JSON */
    static Reply ok(Object body) {
        return json(HttpResponseStatus.OK, body);
    }

    /** @return an answer with {@code body} as JSON */
    static Reply json(HttpResponseStatus status, Object body) {
        return new Reply(status, JSON, Json.write(body), Map.of(), false);
    }

    /** @return an error answer, {@code {"error": message}} */
    static Reply error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message));
    }

    /** @return a 200 answer with a text body */
    static Reply text(String contentType, String body) {
        return new Reply(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    /** @return this answer with more headers */
    Reply withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Reply(status, contentType, body, all, closeConnection);
    }

    /** @return this answer, closing the connection after it */
    Reply closingConnection() {
        return new Reply(status, contentType, body, headers, true);
    }

    /** @return the Netty response; the keep-alive handler adds {@code Connection} headers where HTTP needs them */
    FullHttpResponse toResponse() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach(response.headers()::set);
        if (closeConnection) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
