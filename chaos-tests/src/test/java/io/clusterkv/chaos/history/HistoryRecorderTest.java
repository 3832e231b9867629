package io.clusterkv.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

    private final ManualNanoClock nanos = new ManualNanoClock();
    private final HistoryRecorder recorder = new HistoryRecorder(new RunClock(nanos));

    @Test
    void invoke_thenOk_recordsInvocationAndCompletionOnTheRunClock() {
        nanos.advance(Duration.ofMillis(5));
        PendingOperation pending = recorder.increment(3, "n2", "counter", 1);
        nanos.advance(Duration.ofMillis(7));

        Operation op = pending.ok(41L);

        assertThat(op.invokeNanos()).isEqualTo(5_000_000);
        assertThat(op.completeNanos()).isEqualTo(12_000_000);
        assertThat(op).extracting(Operation::process, Operation::node, Operation::function, Operation::keys,
                        Operation::argument, Operation::type, Operation::result, Operation::error)
                .containsExactly(3, "n2", KvFunction.INCREMENT, List.of("counter"), 1L, CompletionType.OK, 41L, null);
        assertThat(recorder.history().operations()).containsExactly(op);
    }

    @Test
    void fail_afterInvoke_recordsTheErrorText() {
        Operation op = recorder.write(1, "n1", "x", "v").fail("no quorum");

        assertThat(op.type()).isEqualTo(CompletionType.FAIL);
        assertThat(op.error()).isEqualTo("no quorum");
    }

    @Test
    void info_withException_recordsItsDescription() {
        Operation op = recorder.read(1, "n1", "x").info(new SocketTimeoutException("read timed out"));

        assertThat(op.type()).isEqualTo(CompletionType.INFO);
        assertThat(op.error()).isEqualTo("java.net.SocketTimeoutException: read timed out");
    }

    @Test
    void ok_calledTwice_throwsIllegalStateException() {
        PendingOperation pending = recorder.read(1, "n1", "x");
        pending.ok("a");

        assertThatThrownBy(() -> pending.info("timeout"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already completed");
    }

    @Test
    void history_withOperationStillPending_reportsItAsInfoCompletedNow() {
        recorder.write(1, "n1", "x", "v");
        nanos.advance(Duration.ofSeconds(2));

        Operation op = recorder.history().operations().get(0);

        assertThat(op.type()).isEqualTo(CompletionType.INFO);
        assertThat(op.error()).isEqualTo(HistoryRecorder.NOT_COMPLETED);
        assertThat(op.completeNanos()).isEqualTo(2_000_000_000L);
        assertThat(recorder.pendingCount()).isEqualTo(1);
    }

    @Test
    void ok_withIntegerAndNestedValues_recordsTheirJsonForm() {
        Operation op = recorder.mget(1, "n1", List.of("a", "b", "c")).ok(Arrays.asList(7, null, 'z'));

        assertThat(op.result()).isEqualTo(Arrays.asList(7L, null, "z"));
    }

    @Test
    void invoke_withValueThatHasNoJsonForm_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> recorder.write(1, "n1", "x", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object cannot be recorded");
    }

    @Test
    void invoke_withoutKeys_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> recorder.mget(1, "n1", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mget needs at least one key");
    }

    @Test
    void setTtlAndExpire_recordArgumentsInTheDocumentedShape() {
        Operation setTtl = recorder.setTtl(1, "n1", "session", "active", Duration.ofSeconds(3)).ok();
        Operation expire = recorder.expire(1, "n1", "session", Duration.ofMillis(500)).ok(true);
        Operation cas = recorder.compareAndSet(1, "n1", "x", 1, 2).fail("expected 1");
        Operation mset = recorder.mset(1, "n1", Map.of("g:a", 4)).ok();

        assertThat(setTtl.writtenValue()).isEqualTo("active");
        assertThat(setTtl.ttl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(expire.ttl()).isEqualTo(Duration.ofMillis(500));
        assertThat(cas.expectedValue()).isEqualTo(1L);
        assertThat(cas.writtenValue()).isEqualTo(2L);
        assertThat(mset.keys()).containsExactly("g:a");
        assertThat(mset.argument()).isEqualTo(Map.of("g:a", 4L));
    }

    @Test
    void concurrentClients_recordEveryOperationOnceWithIdsInInvocationOrder() throws Exception {
        HistoryRecorder shared = new HistoryRecorder(RunClock.startingNow());
        int clients = 8;
        int opsPerClient = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int process = client;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < opsPerClient; i++) {
                    shared.increment(process, "n1", "c", 1).ok((long) i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Operation> ops = shared.history().operations();
        assertThat(ops).hasSize(clients * opsPerClient);
        for (int i = 0; i < ops.size(); i++) {
            assertThat(ops.get(i).id()).isEqualTo(i);
            if (i > 0) {
                assertThat(ops.get(i).invokeNanos()).isGreaterThanOrEqualTo(ops.get(i - 1).invokeNanos());
            }
        }
        assertThat(ops).allMatch(op -> op.type() == CompletionType.OK);
    }
}
