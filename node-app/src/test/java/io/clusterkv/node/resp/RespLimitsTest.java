package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests over the size limits are refused with an error naming the limit, without closing the connection or
 * buffering them; malformed requests get Redis' protocol error and the connection closes; the node keeps serving.
 */
class RespLimitsTest {
    private static final int MAX_KEY = 1024;
    private static final int MAX_VALUE = 64 * 1024;
    private static final int MAX_REQUEST = 100 * 1024;
    private static InProcessNode node;

    @BeforeAll
    static void startNode() {
        node = SharedNode.startNode("--max-key-bytes", String.valueOf(MAX_KEY), "--max-value-bytes",
            String.valueOf(MAX_VALUE), "--max-request-bytes", String.valueOf(MAX_REQUEST));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static String text(int length, char fill) {
        char[] chars = new char[length];
        Arrays.fill(chars, fill);
        return new String(chars);
    }

    private static double rejected(String reason) {
        MeterRegistry registry = node.server().context().metrics();
        return registry.get("clusterkv.resp.rejected").tag("reason", reason).counter().count();
    }

    @Test
    void set_keyOverMaxKeyBytes_refusedAndTheConnectionStaysUsable() {
        double before = rejected("key");
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            assertThat(client.call("SET", text(MAX_KEY + 1, 'k'), "v"))
                .isEqualTo("-ERR key is 1025 bytes; max-key-bytes allows 1024\r\n");
            assertThat(client.call("MSET", "a", "1", text(MAX_KEY + 1, 'k'), "2"))
                .isEqualTo("-ERR key is 1025 bytes; max-key-bytes allows 1024\r\n");
            assertThat(client.call("GET", "a")).isEqualTo("$-1\r\n");
            assertThat(client.call("SET", text(MAX_KEY, 'k'), "v")).isEqualTo("+OK\r\n");
        }
        assertThat(rejected("key")).isEqualTo(before + 2);
    }

    @Test
    void set_valueOverMaxValueBytes_refusedAndNothingStored() {
        double before = rejected("value");
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            assertThat(client.call("SET", "limits:big", text(MAX_VALUE + 1, 'v')))
                .isEqualTo("-ERR value is 65537 bytes; max-value-bytes allows 65536\r\n");
            assertThat(client.call("GET", "limits:big")).isEqualTo("$-1\r\n");
            assertThat(client.call("SET", "limits:big", text(MAX_VALUE, 'v'))).isEqualTo("+OK\r\n");
        }
        assertThat(rejected("value")).isEqualTo(before + 1);
    }

    @Test
    void set_hugeValueStreamedInChunks_skippedAsItArrives() {
        int size = 64 * 1024 * 1024;
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (RawRespClient client = new RawRespClient(node.respPort());
             RawRespClient other = new RawRespClient(node.respPort())) {
            client.sendRaw("*3\r\n$3\r\nSET\r\n$11\r\nlimits:huge\r\n$" + size + "\r\n");
            for (int sent = 0; sent < size; sent += chunk.length) {
                client.sendRaw(chunk);
                if (sent % (16 * chunk.length) == 0) {
                    assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
                }
            }
            client.sendRaw("\r\n");
            assertThat(client.readReply()).isEqualTo("-ERR value is 67108864 bytes; max-value-bytes allows 65536\r\n");
            assertThat(client.call("EXISTS", "limits:huge")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void mset_argumentsOverMaxRequestBytes_refused() {
        double before = rejected("request");
        String value = text(40 * 1024, 'v');
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            assertThat(client.call("MSET", "r1", value, "r2", value, "r3", value))
                .isEqualTo("-ERR request is over 102400 bytes; max-request-bytes allows 102400\r\n");
            assertThat(client.call("MGET", "r1", "r2")).isEqualTo("*2\r\n$-1\r\n$-1\r\n");
            assertThat(client.call("MSET", "r1", value, "r2", value)).isEqualTo("+OK\r\n");
        }
        assertThat(rejected("request")).isEqualTo(before + 1);
    }

    /** Each frame, on a fresh connection, gets Redis 7's exact protocol error (checked against redis-server). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        *abc\\r\\n                           | invalid multibulk length
        *3000000000\\r\\n                    | invalid multibulk length
        *2\\r\\n$3\\r\\nget\\r\\nx\\r\\n     | expected '$', got 'x'
        *1\\r\\n+ping\\r\\n                  | expected '$', got '+'
        *2\\r\\n$abc\\r\\n                   | invalid bulk length
        *2\\r\\n$-1\\r\\n                    | invalid bulk length
        *1\\r\\n$600000000\\r\\n             | invalid bulk length
        echo "unbalanced\\r\\n               | unbalanced quotes in request
        echo "a"b\\r\\n                      | unbalanced quotes in request
        """)
    void malformedFrame_redisProtocolError_thenTheConnectionCloses(String frame, String error) {
        double before = rejected("protocol");
        try (RawRespClient client = new RawRespClient(node.respPort());
             RawRespClient other = new RawRespClient(node.respPort())) {
            client.sendRaw("PING\r\n" + frame.replace("\\r\\n", "\r\n"));
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            assertThat(client.readReply()).isEqualTo("-ERR Protocol error: " + error + "\r\n");
            assertThat(client.isClosedByServer()).isTrue();
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
        }
        assertThat(rejected("protocol")).isEqualTo(before + 1);
    }

    /** One byte more than Redis waits for a line end; no byte more, so the close never races unread data. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        "*"       | 0 | too big mbulk count string
        "*1\\r\\n$" | 4 | too big bulk count string
        "GET "    | 0 | too big inline request
        """)
    void lineWithoutEnd_over64KiB_tooBigError(String lineStart, int bytesBeforeLine, String error) {
        String start = lineStart.replace("\\r\\n", "\r\n");
        byte[] digits = new byte[RespDecoder.MAX_LINE_BYTES + 1 - (start.length() - bytesBeforeLine)];
        Arrays.fill(digits, (byte) '1');
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            client.sendRaw(start.getBytes(StandardCharsets.US_ASCII));
            client.sendRaw(digits);
            assertThat(client.readReply()).isEqualTo("-ERR Protocol error: " + error + "\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void inlineCommands_asRedisSplitsThem_answered() {
        try (RawRespClient client = new RawRespClient(node.respPort())) {
            client.sendRaw("\r\n  set limits:inline \"x y\\x41\\n\" \r\nget limits:inline\necho 'it\\'s'\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            assertThat(client.readReply()).isEqualTo("$5\r\nx yA\n\r\n");
            assertThat(client.readReply()).isEqualTo("$4\r\nit's\r\n");
        }
    }
}
