package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clusterkv.node.testing.InProcessNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs one script of commands against a real {@code redis-server} and against a node, and requires byte-identical
 * replies: {@code resp/differential-commands.txt} in RESP2 and again in RESP3, and the malformed frames of
 * {@code resp/differential-protocol.txt}. The script documents the few places where clusterkv differs on purpose.
 *
 * <p>Needs {@code /usr/bin/redis-server} (Debian: {@code apt-get install -y redis-server}; another path with
 * {@code -Dclusterkv.redisServer=...}); it starts its own server on a free port and stops it afterwards. Without
 * the binary the test fails, unless {@code -Dclusterkv.skipRedisDifferential=true} says to skip it.
 */
class RespDifferentialTest {
    private static final String SKIP_PROPERTY = "clusterkv.skipRedisDifferential";
    /** Ends each protocol case: the reply to it marks that everything before it has been answered. */
    private static final String END_MARKER = "*2\r\n$4\r\nECHO\r\n$12\r\n--end-case--\r\n";
    private static final String END_REPLY = "$12\r\n--end-case--\r\n";

    private static RedisServerProcess redis;
    private static InProcessNode node;

    @BeforeAll
    static void start() {
        if (!RedisServerProcess.binary().canExecute()) {
            String missing = RedisServerProcess.binary() + " is missing: install it (apt-get install -y redis-server), "
                + "point -D" + RedisServerProcess.BINARY_PROPERTY + " at a redis-server 7 binary, or skip this test "
                + "with -D" + SKIP_PROPERTY + "=true";
            Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY), missing);
            fail(missing);
        }
        redis = RedisServerProcess.start();
        node = SharedNode.startNode();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest(name = "RESP{0}")
    @ValueSource(ints = {2, 3})
    void commandScript_sameRepliesAsRedis(int protocol) {
        List<ScriptLine> script = ScriptLine.parse(resource("resp/differential-commands.txt"));
        String expected = runCommands(redis.port(), script, protocol);
        String actual = runCommands(node.respPort(), script, protocol);
        keep("commands-resp" + protocol, expected, actual);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void malformedFrames_sameRepliesAndClosingAsRedis() {
        List<String> frames = new ArrayList<>();
        for (String line : resource("resp/differential-protocol.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                frames.add(ScriptLine.unescape(line));
            }
        }
        String expected = runFrames(redis.port(), frames);
        String actual = runFrames(node.respPort(), frames);
        keep("protocol", expected, actual);
        assertThat(actual).isEqualTo(expected);
    }

    private static String runCommands(int port, List<ScriptLine> script, int protocol) {
        StringBuilder transcript = new StringBuilder();
        try (RawRespClient client = new RawRespClient(port)) {
            if (protocol == 3) {
                client.call("HELLO", "3"); // its reply names the server and its version, which differ
            }
            for (ScriptLine line : script) {
                String reply = client.call(line.args());
                transcript.append(line.text()).append("  ->  ")
                    .append(RawRespClient.escape(line.sorted() ? RespReplies.sortStringArrays(reply) : reply))
                    .append('\n');
            }
        }
        return transcript.toString();
    }

    /** Each frame on a fresh connection: every reply until the end marker's, or until the server closes. */
    private static String runFrames(int port, List<String> frames) {
        StringBuilder transcript = new StringBuilder();
        for (String frame : frames) {
            transcript.append(RawRespClient.escape(frame)).append("  ->  ");
            try (RawRespClient client = new RawRespClient(port)) {
                client.sendRaw(frame + END_MARKER);
                while (true) {
                    if (client.isClosedByServer()) {
                        transcript.append("<closed>");
                        break;
                    }
                    String reply = client.readReply();
                    if (reply.equals(END_REPLY)) {
                        break;
                    }
                    transcript.append(RawRespClient.escape(reply)).append(' ');
                }
            }
            transcript.append('\n');
        }
        return transcript.toString();
    }

    /** Keeps both transcripts in target/resp-differential, to compare with a diff tool when they differ. */
    private static void keep(String name, String redisTranscript, String nodeTranscript) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "resp-differential"));
            Files.writeString(directory.resolve(name + "-redis.txt"), redisTranscript);
            Files.writeString(directory.resolve(name + "-node.txt"), nodeTranscript);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String resource(String name) {
        try (InputStream in = RespDifferentialTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * One command of the script: arguments separated by spaces, "double quotes" for arguments with spaces or
     * escapes ({@code \xHH \r \n \" \\}); a leading {@code [sorted]} compares arrays of strings in sorted order
     * (KEYS and SCAN list keys in hash-table order in Redis, in key order here).
     */
    record ScriptLine(String text, byte[][] args, boolean sorted) {
        private static final String SORTED = "[sorted] ";

        static List<ScriptLine> parse(String script) {
            List<ScriptLine> lines = new ArrayList<>();
            for (String line : script.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                boolean sorted = line.startsWith(SORTED);
                String command = sorted ? line.substring(SORTED.length()) : line;
                lines.add(new ScriptLine(line, split(command), sorted));
            }
            return lines;
        }

        private static byte[][] split(String command) {
            List<byte[]> args = new ArrayList<>();
            int i = 0;
            while (i < command.length()) {
                if (command.charAt(i) == ' ') {
                    i++;
                } else if (command.charAt(i) == '"') {
                    int end = i + 1;
                    while (command.charAt(end) != '"') {
                        end += command.charAt(end) == '\\' ? 2 : 1;
                    }
                    args.add(unescape(command.substring(i + 1, end)).getBytes(StandardCharsets.ISO_8859_1));
                    i = end + 1;
                } else {
                    int end = command.indexOf(' ', i);
                    end = end < 0 ? command.length() : end;
                    args.add(command.substring(i, end).getBytes(StandardCharsets.UTF_8));
                    i = end;
                }
            }
            return args.toArray(new byte[0][]);
        }

        /** @return the text with {@code \xHH \r \n \t \" \\} escapes resolved, one char per byte */
        static String unescape(String text) {
            StringBuilder bytes = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '\\') {
                    bytes.append(c);
                    continue;
                }
                char escaped = text.charAt(++i);
                switch (escaped) {
                    case 'x' -> {
                        bytes.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    case 'r' -> bytes.append('\r');
                    case 'n' -> bytes.append('\n');
                    case 't' -> bytes.append('\t');
                    default -> bytes.append(escaped);
                }
            }
            return bytes.toString();
        }
    }
}
