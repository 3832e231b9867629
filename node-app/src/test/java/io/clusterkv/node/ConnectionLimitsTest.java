package io.clusterkv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.node.testing.InProcessNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint accepts at most max-connections, refusing one more with an error, and closes connections silent for
 * longer than its idle timeout, a slowloris client's half-sent request included; each is counted.
 */
class ConnectionLimitsTest {
    private static final int MAX = 3;
    private static InProcessNode node;

    @BeforeAll
    static void startNode() {
        node = InProcessNode.start("--max-connections", String.valueOf(MAX), "--resp-idle-timeout", "2s",
            "--http-idle-timeout", "2s");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static double rejected(String endpoint, String reason) {
        return node.server().context().metrics().get(ConnectionGuard.REJECTED).tag("endpoint", endpoint)
            .tag("reason", reason).counter().count();
    }

    @Test
    void resp_oneConnectionOverTheLimit_getsRedisErrorAndIsClosed() throws Exception {
        double before = rejected("resp", "max-connections");
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                open.add(connect(node.respPort()));
                assertThat(call(open.get(i), "PING\r\n")).isEqualTo("+PONG\r\n");
            }
            try (Socket extra = connect(node.respPort())) {
                assertThat(readAll(extra)).isEqualTo("-ERR max number of clients reached (3, max-connections)\r\n");
            }
            assertThat(rejected("resp", "max-connections")).isEqualTo(before + 1);
            assertThat(call(open.get(0), "PING\r\n")).as("the others are still served").isEqualTo("+PONG\r\n");
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket again = connect(node.respPort())) {
                    assertThat(call(again, "PING\r\n")).isEqualTo("+PONG\r\n");
                }
            });
        } finally {
            closeAll(open);
        }
    }

    @Test
    void http_oneConnectionOverTheLimit_gets503AndIsClosed() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                open.add(connect(node.httpPort()));
                assertThat(call(open.get(i), "GET /health/live HTTP/1.1\r\nhost: a\r\n\r\n")).startsWith("HTTP/1.1 200");
            }
            try (Socket extra = connect(node.httpPort())) {
                assertThat(readAll(extra)).startsWith("HTTP/1.1 503 Service Unavailable")
                    .endsWith("{\"error\":\"max number of clients reached (3, max-connections)\"}");
            }
            assertThat(rejected("http", "max-connections")).isPositive();
        } finally {
            closeAll(open);
        }
    }

    @Test
    void resp_silentConnection_closedAfterTheIdleTimeout() throws Exception {
        double before = rejected("resp", "idle-timeout");
        try (Socket silent = connect(node.respPort())) {
            assertThat(call(silent, "PING\r\n")).isEqualTo("+PONG\r\n");
            assertThat(readAll(silent)).as("closed by the server, nothing sent").isEmpty();
        }
        assertThat(rejected("resp", "idle-timeout")).isEqualTo(before + 1);
    }

    @Test
    void http_slowlorisHalfSentRequest_closedAfterTheIdleTimeout() throws Exception {
        double before = rejected("http", "idle-timeout");
        try (Socket slow = connect(node.httpPort())) {
            slow.getOutputStream().write("GET /kv/a HTTP/1.1\r\nhost: a\r\nx-slow: ".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAll(slow)).as("closed by the server, nothing sent").isEmpty();
        }
        assertThat(rejected("http", "idle-timeout")).isEqualTo(before + 1);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends a request and reads what arrives until a pause: one short reply. */
    private static String call(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int read = in.read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }

    /** @return everything until the server closes the connection (failing if it does not within 10 s) */
    private static String readAll(Socket socket) throws IOException {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException open) {
            throw new AssertionError("the server did not close the connection", open);
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
