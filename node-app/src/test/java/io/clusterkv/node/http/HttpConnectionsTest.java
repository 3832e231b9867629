package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many clients at once, and pipelined requests on one connection. */
@ExtendWith(SharedHttpNode.class)
class HttpConnectionsTest {
    private static final String AUTHORIZATION = "Authorization: Bearer " + SharedHttpNode.TOKEN + "\r\n";

    private static int port;
    private static HttpTestClient http;

    @BeforeAll
    static void connect(InProcessNode node) {
        port = node.httpPort();
        http = new HttpTestClient(port, SharedHttpNode.TOKEN);
    }

    @BeforeEach
    void clear() {
        http.delete("/kv").expect(200);
    }

    @Test
    void increment_manyClientsAtOnce_countsEveryIncrementOnce() {
        int clients = 16;
        int incrementsEach = 50;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            // Each client has its own connections; its requests are in flight together.
            HttpTestClient client = new HttpTestClient(port, SharedHttpNode.TOKEN);
            running.add(CompletableFuture.allOf(IntStream.range(0, incrementsEach)
                .mapToObj(i -> client.sendAsync(client.request("/kv/hits/increment")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()))
                    .thenAccept(answer -> answer.expect(200)))
                .toArray(CompletableFuture[]::new)));
        }

        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();

        assertThat(http.get("/kv/hits").expect(200).json())
            .isEqualTo(Map.of("key", "hits", "value", clients * incrementsEach));
    }

    @Test
    void pipelinedWritesAndReads_oneConnection_answeredInOrderAndEachReadSeesTheWritesBeforeIt() {
        int rounds = 20;
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < rounds; i++) {
            requests.append("POST /kv/c/increment HTTP/1.1\r\nHost: test\r\n").append(AUTHORIZATION)
                .append("Content-Length: 0\r\n\r\n")
                .append("GET /kv/c HTTP/1.1\r\nHost: test\r\n").append(AUTHORIZATION).append("\r\n");
        }

        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send(requests.toString());

            for (int i = 1; i <= rounds; i++) {
                assertThat(connection.read().body()).isEqualTo("{\"value\":" + i + "}");
                assertThat(connection.read().body()).isEqualTo("{\"key\":\"c\",\"value\":" + i + "}");
            }
        }
    }

    @Test
    void request_malformedHttp_answers400AndClosesOnlyThatConnection() {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("NOT HTTP AT ALL\r\n\r\n");

            RawHttpConnection.RawAnswer answer = connection.read();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.head()).containsIgnoringCase("connection: close");
        }
        http.get("/health/live").expect(200);
    }
}
