package io.clusterkv.chaos.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP routes the workloads and the run use (docs/http-api.md): {@code PUT /kv/{key}},
 * {@code GET /kv/{key}?linearizable}, {@code GET /kv} and {@code GET /cluster}. Thread-safe: one JDK
 * {@link HttpClient} keeps a pool of HTTP/1.1 connections for every thread.
 *
 * <p>Failures are classified as {@link ClientException}s: 503 (no quorum, or a node still loading) and a connection
 * that cannot be opened are refusals, nothing was applied; 504 (the write's outcome is unknown), a timeout and a
 * connection lost mid-request are indeterminate.
 *
 * <p>Values come back in their JSON form with integers as {@code Long}. A value stored over RESP is bytes, which the
 * node shows as a base64 string; every value the workloads write contains a {@code -}, which base64 never does, so
 * a string without one is decoded back to the text that was written ({@link #decode}).
 */
public final class HttpKvClient {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param timeout how long a request may take before its outcome is unknown
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public HttpKvClient(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
    }

    /**
     * {@code PUT /kv/{key}} of a JSON string.
     *
     * @throws ClientException if the write was not acknowledged
     */
    public void put(NodeAddress node, String key, String value) {
        String body;
        try {
            body = JSON.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", impossible);
        }
        send(HttpRequest.newBuilder(keyUri(node, key, "")).PUT(HttpRequest.BodyPublishers.ofString(body)), timeout,
                false);
    }

    /**
     * {@code GET /kv/{key}?linearizable}: a read ordered with the writes.
     *
     * @return the value, or null if the key is missing
     * @throws ClientException if the read was not answered
     */
    public @Nullable Object getLinearizable(NodeAddress node, String key) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(keyUri(node, key, "?linearizable")).GET(),
                timeout, true);
        if (response.statusCode() == 404) {
            return null;
        }
        return decode(toJava(parse(response).get("value")));
    }

    /**
     * {@code GET /kv}: every live pair of the node's replica.
     *
     * @return key to value, in key order
     * @throws ClientException if the node did not answer
     */
    public Map<String, @Nullable Object> dump(NodeAddress node) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(node.httpBase() + "/kv")).GET(),
                timeout, false);
        Map<String, @Nullable Object> state = new LinkedHashMap<>();
        parse(response).fields().forEachRemaining(entry -> state.put(entry.getKey(), decode(toJava(entry.getValue()))));
        return state;
    }

    /**
     * {@code GET /cluster}, for watching a node rather than for recorded operations.
     *
     * @param wait how long to wait for the answer
     * @return the node's view of the cluster, or null if it does not answer 200 in time
     */
    public @Nullable JsonNode cluster(NodeAddress node, Duration wait) {
        try {
            return parse(send(HttpRequest.newBuilder(URI.create(node.httpBase() + "/cluster")).GET(), wait, false));
        } catch (ClientException unavailable) {
            return null;
        }
    }

    /**
     * Turns a value read over HTTP back into what the workloads wrote: base64 strings (values stored over RESP)
     * decoded, everything else as it is.
     */
    public static @Nullable Object decode(@Nullable Object value) {
        if (value instanceof String text && !text.contains("-")) {
            try {
                return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return text;
            }
        }
        return value;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration wait, boolean notFoundIsAnswer) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(wait).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException unreachable) {
            throw ClientException.refused("cannot connect: " + unreachable, true);
        } catch (HttpTimeoutException timedOut) {
            throw ClientException.indeterminate("no answer within " + wait.toMillis() + " ms", true, timedOut);
        } catch (IOException lost) {
            throw ClientException.indeterminate("connection lost: " + lost, true, lost);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw ClientException.indeterminate("interrupted", true, interrupted);
        }
        int status = response.statusCode();
        if (status == 200 || status == 404 && notFoundIsAnswer) {
            return response;
        }
        String text = "HTTP " + status + " " + response.body();
        throw status == 503 ? ClientException.refused(text, false) : ClientException.indeterminate(text, false, null);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException malformed) {
            throw ClientException.indeterminate("malformed JSON answer: " + response.body(), false, malformed);
        }
    }

    private static @Nullable Object toJava(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JSON.treeToValue(node, Object.class);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot convert " + node, impossible);
        }
    }

    private static URI keyUri(NodeAddress node, String key, String query) {
        Objects.requireNonNull(key, "key cannot be null");
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(node.httpBase() + "/kv/" + encoded + query);
    }
}
