package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.node.testing.InProcessNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code http-token} check: every route but the health checks needs {@code Authorization: Bearer <token>}. */
@ExtendWith(SharedHttpNode.class)
class HttpAuthTest {
    private static HttpTestClient withToken;
    private static HttpTestClient withoutToken;
    private static HttpTestClient withWrongToken;

    @BeforeAll
    static void connect(InProcessNode node) {
        withToken = new HttpTestClient(node.httpPort(), SharedHttpNode.TOKEN);
        withoutToken = new HttpTestClient(node.httpPort(), null);
        withWrongToken = new HttpTestClient(node.httpPort(), SharedHttpNode.TOKEN + "x");
    }

    @Test
    void get_withoutToken_answers401WithBearerChallenge() {
        HttpTestClient.Answer answer = withoutToken.get("/kv/k").expect(401);

        assertThat(answer.error()).isEqualTo("missing bearer token: send 'Authorization: Bearer <token>'");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"clusterkv\"");
    }

    @Test
    void put_withWrongToken_answers401InvalidTokenAndStoresNothing() {
        HttpTestClient.Answer answer = withWrongToken.put("/kv/guarded", "1").expect(401);

        assertThat(answer.error()).isEqualTo("invalid bearer token");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"clusterkv\", error=\"invalid_token\"");
        assertThat(withToken.get("/kv/guarded/exists").expect(200).json()).isEqualTo(Map.of("exists", false));
    }

    @Test
    void get_otherSchemeThanBearer_answers401() {
        withoutToken.send(withoutToken.request("/size").header("Authorization", "Basic " + SharedHttpNode.TOKEN))
            .expect(401);
    }

    @Test
    void get_schemeInLowerCase_isAccepted() {
        withoutToken.send(withoutToken.request("/size").header("Authorization", "bearer " + SharedHttpNode.TOKEN))
            .expect(200);
    }

    @Test
    void get_unknownRouteWithoutToken_answers401NotRevealingRoutes() {
        withoutToken.get("/nowhere").expect(401);
        withToken.get("/nowhere").expect(404);
    }

    @Test
    void metricsAndCluster_withoutToken_answer401() {
        withoutToken.get("/metrics").expect(401);
        withoutToken.get("/cluster").expect(401);
    }

    @Test
    void healthChecks_withoutToken_answer200() {
        assertThat(withoutToken.get("/health/live").expect(200).json()).isEqualTo(Map.of("status", "live"));
        assertThat(withoutToken.get("/health/ready").expect(200).json()).isEqualTo(Map.of("status", "ready"));
    }
}
