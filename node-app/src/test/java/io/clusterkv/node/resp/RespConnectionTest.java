package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.cluster.WriteOutcomeUnknownException;
import io.clusterkv.config.SettingsLoader;
import io.clusterkv.core.AsyncKvStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One connection's ordering, with writes that complete when the test says: replies in command order whatever the
 * completion order, reads after the writes before them, and LOADING while there is no store.
 */
class RespConnectionTest {
    private final HeldWritesStore store = new HeldWritesStore();
    private @Nullable AsyncKvStore currentStore = store;
    private final RespServer server = new RespServer(SettingsLoader.load(List.of(), Map.of()),
        new SimpleMeterRegistry(), () -> currentStore, () -> null, RespCommands.table(), Clock.systemUTC());
    private final EmbeddedChannel channel = new EmbeddedChannel();

    RespConnectionTest() {
        server.initialize(channel);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        store.close();
    }

    private void send(String inlineCommands) {
        channel.writeInbound(Unpooled.copiedBuffer(inlineCommands, StandardCharsets.UTF_8));
    }

    /** @return everything written to the client so far, after running the event loop's pending tasks */
    private String replies() {
        channel.runPendingTasks();
        StringBuilder replies = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            replies.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return replies.toString();
    }

    @Test
    void writesCompletingInReverseOrder_repliesInCommandOrder() {
        send("SET a 1\r\nINCR n\r\nSET b 2\r\n");
        assertThat(store.held()).as("writes issued together").isEqualTo(3);
        store.release(2);
        store.release(1);
        assertThat(replies()).isEmpty();
        store.release(0);
        assertThat(replies()).isEqualTo("+OK\r\n:1\r\n+OK\r\n");
    }

    @Test
    void readAfterPendingWrite_waitsAndSeesIt() {
        send("SET k v\r\nGET k\r\nPING\r\n");
        assertThat(replies()).isEmpty();
        store.release(0);
        assertThat(replies()).isEqualTo("+OK\r\n$1\r\nv\r\n+PONG\r\n");
    }

    @Test
    void writeAfterDeferredRead_notIssuedBeforeTheReadRan() {
        send("SET k 1\r\nGET k\r\nSET k 2\r\nGET k\r\n");
        assertThat(store.held()).isEqualTo(1);
        store.release(0);
        assertThat(replies()).isEqualTo("+OK\r\n$1\r\n1\r\n");
        assertThat(store.held()).isEqualTo(1);
        store.release(0);
        assertThat(replies()).isEqualTo("+OK\r\n$1\r\n2\r\n");
    }

    @Test
    void immediateErrorBehindPendingWrite_keepsItsPlace() {
        send("SET k v\r\nSET k v EX 0\r\nINCR k\r\n");
        assertThat(replies()).isEmpty();
        store.release(0);
        store.release(0);
        assertThat(replies()).isEqualTo("+OK\r\n-ERR invalid expire time in 'set' command\r\n"
            + "-ERR value is not an integer or out of range\r\n");
    }

    @Test
    void failedWrite_errorReplyInItsPlace() {
        send("SET a 1\r\nSET b 2\r\n");
        store.fail(0, new WriteOutcomeUnknownException("no confirmation of the write within 5 s"));
        store.release(0);
        assertThat(replies()).isEqualTo("-ERR no confirmation of the write within 5 s\r\n+OK\r\n");
    }

    @Test
    void pendingWrites_countedInFlightUntilAnswered() {
        send("SET a 1\r\nSET b 2\r\n");
        assertThat(server.inFlight().pending()).isEqualTo(2);
        store.release(0);
        replies();
        assertThat(server.inFlight().pending()).isEqualTo(1);
        store.release(0);
        replies();
        assertThat(server.inFlight().pending()).isZero();
    }

    @Test
    void quit_afterPendingWrite_answersBothThenCloses() {
        send("SET a 1\r\nQUIT\r\nSET b 2\r\n");
        assertThat(channel.isOpen()).isTrue();
        store.release(0);
        assertThat(replies()).isEqualTo("+OK\r\n+OK\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(store.held()).as("nothing runs after QUIT").isZero();
    }

    @Test
    void noStoreYet_dataCommandsAnswerLoadingAndOthersWork() {
        currentStore = null;
        send("GET k\r\nSET k v\r\nPING\r\nINFO persistence\r\n");
        assertThat(replies()).isEqualTo("-LOADING clusterkv is receiving the cluster state\r\n"
            + "-LOADING clusterkv is receiving the cluster state\r\n+PONG\r\n"
            + "$26\r\n# Persistence\r\nloading:1\r\n\r\n");
    }
}
