package io.clusterkv.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The count a stopping node waits on before it closes its connections. */
class HttpInFlightRequestsTest {

    @Test
    void awaitNone_requestAnsweredWhileWaiting_returnsTrue() {
        InFlightRequests inFlight = new InFlightRequests();
        inFlight.begin();
        inFlight.begin();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() ->
            inFlight.awaitNone(Duration.ofSeconds(30)));
        inFlight.end();
        assertThat(waiting).isNotDone();
        inFlight.end();

        assertThat(waiting.join()).isTrue();
    }

    @Test
    void awaitNone_requestNeverAnswered_returnsFalseAfterTheWait() {
        InFlightRequests inFlight = new InFlightRequests();
        inFlight.begin();

        assertThat(inFlight.awaitNone(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void awaitNone_nothingInFlight_returnsTrueAtOnce() {
        assertThat(new InFlightRequests().awaitNone(Duration.ZERO)).isTrue();
    }
}
