package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clusterkv.node.testing.InProcessNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.SEQUENCER;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.Test;

/**
 * A node that cannot serve the store yet (503) or cannot confirm a write (504). Each test has a node of its own,
 * without a token, so these also show that without {@code http-token} no route needs one.
 */
class HttpUnavailableTest {

    @Test
    void storeRoutes_whileTheNodeJoins_answer503UntilReady() {
        int port = InProcessNode.freePort();
        // The endpoint listens before the node joins; joining alone takes JGroups' join timeout, seconds.
        CompletableFuture<InProcessNode> starting = CompletableFuture.supplyAsync(() ->
            InProcessNode.start("--resp-port", "0", "--http-port", String.valueOf(port)));
        try {
            HttpTestClient http = new HttpTestClient(port, null);
            AtomicReference<HttpTestClient.Answer> firstReady = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> firstReady.compareAndSet(null, http.get("/health/ready")));

            assertThat(firstReady.get().status()).as("readiness while joining").isEqualTo(503);
            assertThat(firstReady.get().error()).isEqualTo("node is not ready: it has not joined the cluster or does "
                + "not hold the current state yet");
            assertThat(http.get("/kv/k").expect(503).error())
                .isEqualTo("node is loading: it has not joined the cluster or received its state yet");
            http.get("/cluster").expect(503);
            http.get("/health/live").expect(200);

            starting.join();
            http.get("/health/ready").expect(200);
            http.put("/kv/k", "1").expect(200);
            assertThat(http.get("/kv/k").expect(200).json()).isEqualTo(Map.of("key", "k", "value", 1));
        } finally {
            starting.join().close();
        }
    }

    @Test
    void put_writeNeverConfirmed_answers504OutcomeUnknownAndReadsGoOn() throws Exception {
        try (InProcessNode node = InProcessNode.start("--resp-port", "0", "--write-timeout", "300ms")) {
            HttpTestClient http = new HttpTestClient(node.httpPort(), null);
            // Writes are dropped on their way to the sequencer, so none is ever ordered, and so never applied.
            DISCARD dropAll = new DISCARD().discardAll(true);
            ProtocolStack stack = node.server().context().cluster().jgroupsChannel().getProtocolStack();
            stack.insertProtocol(dropAll, ProtocolStack.Position.ABOVE, SEQUENCER.class);
            try {
                assertThat(http.put("/kv/k", "1").expect(504).error())
                    .isEqualTo("set of k was not confirmed within 300 ms; its outcome is unknown");
                http.get("/kv/other").expect(404);
            } finally {
                stack.removeProtocol(dropAll);
            }
        }
    }
}
