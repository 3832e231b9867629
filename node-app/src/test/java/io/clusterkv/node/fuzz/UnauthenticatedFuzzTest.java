package io.clusterkv.node.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.cluster.StateDigest;
import io.clusterkv.node.testing.InProcessNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated RESP frames and HTTP requests from clients that have not authenticated, sent to a running node
 * with a RESP password and an HTTP token: the node never dies, its state is never changed by them (the digest stays
 * what it was), and an authenticated client is answered after each.
 */
class UnauthenticatedFuzzTest {
    private static final String PASSWORD = "fuzz-password-that-no-mutation-guesses";
    private static final String TOKEN = "fuzz-token-that-no-mutation-guesses";
    private static final List<String> RESP_CORPUS = List.of(
        "*1\r\n$4\r\nPING\r\n",
        "*3\r\n$3\r\nSET\r\n$5\r\nfuzz1\r\n$5\r\nvalue\r\n",
        "*2\r\n$3\r\nGET\r\n$8\r\nsentinel\r\n",
        "*3\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\nb\r\n",
        "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n",
        "*1\r\n$8\r\nFLUSHALL\r\n",
        "*2\r\n$3\r\nDEL\r\n$8\r\nsentinel\r\n",
        "*2\r\n$4\r\nAUTH\r\n$5\r\nwrong\r\n",
        "*3\r\n$5\r\nHELLO\r\n$1\r\n3\r\n$4\r\nAUTH\r\n",
        "SET inline \"quoted value\"\r\n",
        "%1\r\n+a\r\n:1\r\n", "~1\r\n$1\r\nx\r\n", ">1\r\n_\r\n", "#t\r\n", ",1.5\r\n", "(123\r\n");
    private static final List<String> HTTP_CORPUS = List.of(
        "GET /kv/sentinel HTTP/1.1\r\nHost: n\r\n\r\n",
        "PUT /kv/fuzz HTTP/1.1\r\nHost: n\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n\"value\"",
        "DELETE /kv/sentinel HTTP/1.1\r\nHost: n\r\nAuthorization: Bearer wrong\r\n\r\n",
        "POST /kv HTTP/1.1\r\nHost: n\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n",
        "PUT /kv/x?ttl=10 HTTP/1.1\r\nHost: n\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n12345",
        "GET /health/ready HTTP/1.1\r\nHost: n\r\n\r\nGET /cluster HTTP/1.1\r\n\r\n",
        "GET /metrics HTTP/1.0\r\n\r\n");

    private static InProcessNode node;
    private static RespHealthCheck healthy;
    private static StateDigest digest;

    @BeforeContainer
    static void startNode() throws IOException {
        node = InProcessNode.start("--resp-password", PASSWORD, "--http-token", TOKEN);
        healthy = new RespHealthCheck(node.respPort(), PASSWORD);
        healthy.call("SET", "sentinel", "intact");
        digest = node.server().context().cluster().digest();
    }

    @AfterContainer
    static void stopNode() throws IOException {
        healthy.close();
        node.close();
    }

    @Provide
    Arbitrary<byte[]> respInput() {
        return Frames.fuzzed(RESP_CORPUS);
    }

    @Provide
    Arbitrary<byte[]> httpInput() {
        return Frames.fuzzed(HTTP_CORPUS);
    }

    @Property(tries = 300)
    void resp_anyInputWithoutAuth_changesNothingAndTheNodeKeepsServing(@ForAll("respInput") byte[] input)
        throws IOException {
        String answer = Frames.sendAndDrain(node.respPort(), input);

        assertThat(answer).doesNotContain("+OK");
        assertStillServingAndUnchanged();
    }

    @Property(tries = 300)
    void http_anyRequestWithoutToken_changesNothingAndTheNodeKeepsServing(@ForAll("httpInput") byte[] input)
        throws Exception {
        String answer = Frames.sendAndDrain(node.httpPort(), input);

        assertThat(answer).doesNotContain("\"set\":true").doesNotContain("\"deleted\":true");
        assertStillServingAndUnchanged();
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.httpPort() + "/kv/sentinel"))
            .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).isEqualTo("{\"key\":\"sentinel\",\"value\":\"intact\"}");
    }

    private static void assertStillServingAndUnchanged() throws IOException {
        assertThat(healthy.call("GET", "sentinel")).isEqualTo("$6\r\nintact\r\n");
        assertThat(node.server().context().cluster().digest()).as("state digest").isEqualTo(digest);
    }
}
