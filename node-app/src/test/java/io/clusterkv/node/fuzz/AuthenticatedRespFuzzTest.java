package io.clusterkv.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated RESP frames from a client allowed to run commands (no password): whatever a malformed,
 * truncated or oversized frame does, the node stays up, another client is answered, and a key the inputs never name
 * keeps its value (a frame is never applied to the wrong key or half-applied across the store).
 */
class AuthenticatedRespFuzzTest {
    private static final List<String> CORPUS = List.of(
        "*1\r\n$4\r\nPING\r\n",
        "*3\r\n$3\r\nSET\r\n$5\r\nfuzz1\r\n$5\r\nvalue\r\n",
        "*2\r\n$3\r\nGET\r\n$5\r\nfuzz1\r\n",
        "*5\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n",
        "*3\r\n$4\r\nMGET\r\n$1\r\na\r\n$1\r\nb\r\n",
        "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n",
        "*3\r\n$6\r\nINCRBY\r\n$1\r\nn\r\n$20\r\n99999999999999999999\r\n",
        "*3\r\n$6\r\nAPPEND\r\n$5\r\nfuzz1\r\n$3\r\nabc\r\n",
        "*4\r\n$8\r\nGETRANGE\r\n$5\r\nfuzz1\r\n$1\r\n0\r\n$2\r\n-1\r\n",
        "*2\r\n$3\r\nTTL\r\n$5\r\nfuzz1\r\n",
        "*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n",
        "*4\r\n$4\r\nSCAN\r\n$1\r\n0\r\n$5\r\nMATCH\r\n$3\r\nf*[\r\n",
        "*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$3\r\nfoo\r\n",
        "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n",
        "*2\r\n$4\r\nKEYS\r\n$4\r\n*a*b\r\n",
        "SET inline \"quoted \\x41 value\"\r\n",
        "%1\r\n+a\r\n:1\r\n", "~1\r\n$1\r\nx\r\n", ">1\r\n_\r\n", "#t\r\n", ",1.5\r\n", "(123\r\n");

    private static InProcessNode node;
    private static RespHealthCheck healthy;

    @BeforeContainer
    static void startNode() throws IOException {
        node = InProcessNode.start("--http-port", "0", "--max-value-bytes", "64KiB", "--max-request-bytes",
            "256KiB");
        healthy = new RespHealthCheck(node.respPort(), null);
        healthy.call("SET", "sentinel-untouched-by-any-fuzz-input", "intact");
    }

    @AfterContainer
    static void stopNode() throws IOException {
        healthy.close();
        node.close();
    }

    @Provide
    Arbitrary<byte[]> input() {
        return Frames.fuzzed(CORPUS);
    }

    @Property(tries = 400)
    void anyInput_theNodeKeepsServingAndOtherKeysKeepTheirValues(@ForAll("input") byte[] input) throws IOException {
        Frames.sendAndDrain(node.respPort(), input);

        assertThat(healthy.call("PING")).isEqualTo("+PONG\r\n");
        assertThat(healthy.call("GET", "sentinel-untouched-by-any-fuzz-input")).isEqualTo("$6\r\nintact\r\n");
    }
}
