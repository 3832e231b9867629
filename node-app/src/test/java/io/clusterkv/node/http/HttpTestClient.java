package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A {@code java.net.http} client of one node's HTTP endpoint, sending the bearer token when it has one. */
final class HttpTestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT).build();
    private final String base;
    private final @Nullable String token;

    HttpTestClient(int port, @Nullable String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** An answer: status, headers and body. */
    record Answer(int status, HttpHeaders headers, String body) {

        /** @return this answer, after asserting its status (the body explains a mismatch) */
        Answer expect(int expected) {
            assertThat(status).as("status of the answer %s", body).isEqualTo(expected);
            return this;
        }

        /** @return the body parsed as JSON: maps, lists, strings, numbers, booleans */
        @Nullable Object json() {
            try {
                return JSON.readValue(body, Object.class);
            } catch (JsonProcessingException notJson) {
                throw new AssertionError("body is not JSON: " + body, notJson);
            }
        }

        /** @return the body's {"error": ...} message */
        @Nullable Object error() {
            return ((Map<?, ?>) json()).get("error");
        }

        /** @return the value of a header, or null */
        @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** @return a request to the path, with the token if this client has one */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
            .header("Content-Type", "application/json");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    CompletableFuture<Answer> sendAsync(HttpRequest.Builder request) {
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
            .thenApply(response -> new Answer(response.statusCode(), response.headers(), response.body()));
    }
}
