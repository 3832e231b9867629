package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every refusal of the API, each with its status and a JSON {@code {"error": ...}} body; the store's refusals with
 * its own messages. The shared node's limits are small: keys of {@value SharedHttpNode#MAX_KEY_BYTES} bytes,
 * values of {@value SharedHttpNode#MAX_VALUE_BYTES} bytes and requests of {@value SharedHttpNode#MAX_REQUEST_BYTES}.
 */
@ExtendWith(SharedHttpNode.class)
class HttpErrorsTest {
    private static HttpTestClient http;
    private static int port;

    @BeforeAll
    static void connect(InProcessNode node) {
        port = node.httpPort();
        http = new HttpTestClient(port, SharedHttpNode.TOKEN);
    }

    @BeforeEach
    void clear() {
        http.delete("/kv").expect(200);
    }

    // ---------------------------------------------------------------- 400: bad input

    @Test
    void put_malformedJson_answers400AndStoresNothing() {
        assertThat(http.put("/kv/k", "{\"name\": ").expect(400).error().toString()).startsWith("malformed JSON: ");
        assertThat(http.get("/kv/k/exists").expect(200).json()).isEqualTo(Map.of("exists", false));
    }

    @Test
    void put_emptyBodyOrTwoValues_answers400() {
        assertThat(http.put("/kv/k", "").expect(400).error()).isEqualTo("request body must be a JSON value");
        assertThat(http.put("/kv/k", "1 2").expect(400).error()).isEqualTo("request body must hold a single JSON value");
    }

    @Test
    void put_jsonNull_answers400ValueMustNotBeNull() {
        assertThat(http.put("/kv/k", "null").expect(400).error()).isEqualTo("value must not be null");
    }

    @Test
    void put_ttlThatIsNotAnInteger_answers400() {
        assertThat(http.put("/kv/k?ttl=soon", "1").expect(400).error())
            .isEqualTo("query parameter 'ttl' must be an integer, got 'soon'");
    }

    @Test
    void put_zeroTtl_answers400TtlMustBePositive() {
        assertThat(http.put("/kv/k?ttl=0", "1").expect(400).error()).isEqualTo("TTL must be positive");
    }

    @Test
    void expire_withoutTtl_answers400() {
        http.put("/kv/k", "1").expect(200);

        assertThat(http.post("/kv/k/expire").expect(400).error()).isEqualTo("query parameter 'ttl' is required");
    }

    @Test
    void increment_deltaThatIsNotAnInteger_answers400() {
        assertThat(http.post("/kv/n/increment?delta=1.5").expect(400).error())
            .isEqualTo("query parameter 'delta' must be an integer, got '1.5'");
    }

    @Test
    void increment_decimalValue_answers400ExistingValueMustBeAnInteger() {
        http.put("/kv/price", "1.5").expect(200);

        assertThat(http.post("/kv/price/increment").expect(400).error())
            .isEqualTo("existing value must be an integer");
    }

    @Test
    void increment_pastLongMaxValue_answers400Overflow() {
        http.put("/kv/n", String.valueOf(Long.MAX_VALUE)).expect(200);

        assertThat(http.post("/kv/n/increment").expect(400).error())
            .isEqualTo("increment or decrement would overflow");
        assertThat(http.post("/kv/m/decrement?delta=" + Long.MIN_VALUE).expect(400).error())
            .isEqualTo("increment or decrement would overflow");
    }

    @Test
    void mget_bodyThatIsNotAnArray_answers400() {
        assertThat(http.post("/kv/_mget", "{\"k\": 1}").expect(400).error())
            .isEqualTo("request body must be a JSON array of keys");
        assertThat(http.post("/kv/_mget", "[null]").expect(400).error()).isEqualTo("key must be a string");
    }

    @Test
    void mset_bodyThatIsNotAnObject_answers400() {
        assertThat(http.post("/kv/_mset", "[1, 2]").expect(400).error())
            .isEqualTo("request body must be a JSON object of keys and values");
    }

    @Test
    void mset_nullValueOrRepeatedKey_answers400AndStoresNoPair() {
        assertThat(http.post("/kv/_mset", "{\"a\": 1, \"b\": null}").expect(400).error())
            .isEqualTo("value must not be null");
        assertThat(http.post("/kv/_mset", "{\"a\": 1, \"a\": 2}").expect(400).error().toString())
            .startsWith("malformed JSON: Duplicate field 'a'");
        assertThat(http.get("/size").expect(200).json()).isEqualTo(Map.of("size", 0));
    }

    @Test
    void put_keyOverMaxKeyBytes_answers400() {
        String key = "k".repeat((int) SharedHttpNode.MAX_KEY_BYTES + 1);

        assertThat(http.put("/kv/" + key, "1").expect(400).error())
            .isEqualTo("key is 101 bytes; max-key-bytes allows 100");
        assertThat(http.put("/kv/" + "k".repeat((int) SharedHttpNode.MAX_KEY_BYTES), "1").expect(200).json())
            .isEqualTo(Map.of("set", true));
    }

    @Test
    void put_valueOverMaxValueBytes_answers400() {
        String justFits = "\"" + "v".repeat((int) SharedHttpNode.MAX_VALUE_BYTES - 2) + "\"";
        String tooLong = "\"" + "v".repeat((int) SharedHttpNode.MAX_VALUE_BYTES - 1) + "\"";

        assertThat(http.put("/kv/k", tooLong).expect(400).error())
            .isEqualTo("value is 301 bytes of JSON; max-value-bytes allows 300");
        assertThat(http.post("/kv/_mset", "{\"k\": " + tooLong + "}").expect(400).error())
            .isEqualTo("value is 301 bytes of JSON; max-value-bytes allows 300");
        http.put("/kv/k", justFits).expect(200);
    }

    @Test
    void get_malformedPercentEncoding_answers400() {
        // java.net.URI refuses to build such a path, so it is sent by hand.
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("GET /kv/%zz HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + SharedHttpNode.TOKEN
                + "\r\n\r\n");

            RawHttpConnection.RawAnswer answer = connection.read();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).startsWith("{\"error\":\"malformed percent-encoding in key: ");
        }
    }

    // ---------------------------------------------------------------- 404, 405

    @Test
    void get_unknownRoute_answers404() {
        assertThat(http.get("/nowhere").expect(404).error()).isEqualTo("no route for GET /nowhere");
        assertThat(http.get("/kv/a/b/c").expect(404).error()).isEqualTo("no route for GET /kv/a/b/c");
    }

    @Test
    void post_routeThatTakesOtherMethods_answers405WithAllow() {
        HttpTestClient.Answer answer = http.post("/kv/k").expect(405);

        assertThat(answer.error()).isEqualTo("method POST is not allowed here; allowed: GET, PUT, DELETE");
        assertThat(answer.header("Allow")).isEqualTo("GET, PUT, DELETE");
        assertThat(http.get("/kv/_mset").expect(404).error()).as("GET reaches the key _mset")
            .isEqualTo("key not found: _mset");
    }

    // ---------------------------------------------------------------- 413

    @Test
    void put_bodyOverMaxRequestBytes_answers413AndTheConnectionGoesOn() {
        String body = "\"" + "v".repeat((int) SharedHttpNode.MAX_REQUEST_BYTES) + "\"";

        assertThat(http.put("/kv/big", body).expect(413).error())
            .isEqualTo("request body is larger than max-request-bytes (1024 bytes)");
        http.put("/kv/small", "1").expect(200);
        assertThat(http.get("/keys").expect(200).json()).isEqualTo(List.of("small"));
    }

    @Test
    void put_bodyOverMaxRequestBytesWithExpectContinue_answers413BeforeTheBodyAndTheConnectionGoesOn() {
        try (RawHttpConnection connection = new RawHttpConnection(port)) {
            connection.send("PUT /kv/big HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + SharedHttpNode.TOKEN
                + "\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n");

            RawHttpConnection.RawAnswer refusal = connection.read();
            assertThat(refusal.status()).isEqualTo(413);
            assertThat(refusal.body())
                .isEqualTo("{\"error\":\"request body is larger than max-request-bytes (1024 bytes)\"}");

            connection.send("GET /kv/big HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + SharedHttpNode.TOKEN
                + "\r\n\r\n");
            assertThat(connection.read().status()).isEqualTo(404);
        }
    }
}
