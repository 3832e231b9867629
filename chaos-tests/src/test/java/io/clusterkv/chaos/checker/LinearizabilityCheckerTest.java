package io.clusterkv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.TestHistory;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void check_sequentialWritesAndReads_valid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .read(2, "x").between(20, 30).ok(1L)
                .write(1, "x", 2).between(40, 50).ok()
                .read(2, "x").between(60, 70).ok(2L)
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts()).containsEntry("operations checked", 4L);
    }

    @Test
    void check_readsConcurrentWithAWriteSeeOldThenNewValue_valid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 100).ok()
                .read(2, "x").between(10, 20).ok(null)
                .read(3, "x").between(30, 40).ok(1L)
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    /** A read that returns a value a later, completed write replaced. */
    @Test
    void check_staleReadAfterACompletedWrite_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .write(1, "x", 2).between(20, 30).ok()
                .read(2, "x").between(40, 50).on("n3").ok(1L)
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString()
                .contains("register x: not linearizable", "read x -> ok 1");
    }

    /** Two readers see two concurrent writes take effect in opposite orders: no single order explains both. */
    @Test
    void check_readersSeeConcurrentWritesInOppositeOrders_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 100).ok()
                .write(2, "x", 2).between(0, 100).ok()
                .read(3, "x").between(10, 20).ok(1L)
                .read(3, "x").between(30, 40).ok(2L)
                .read(4, "x").between(10, 20).ok(2L)
                .read(4, "x").between(30, 40).ok(1L)
                .build();

        assertThat(checker.check(history).validity()).isEqualTo(Validity.INVALID);
    }

    /** An acknowledged write that later reads never see: the register went back to its old value. */
    @Test
    void check_lostAcknowledgedWrite_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .read(2, "x").between(20, 30).ok(1L)
                .write(1, "x", 2).between(40, 50).ok()
                .read(2, "x").between(60, 70).ok(1L)
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("orders 3 of 4 operations");
    }

    @Test
    void check_writeOfUnknownOutcomeSeenLongAfter_valid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).info()
                .read(2, "x").between(20, 30).ok(null)
                .read(2, "x").between(1000, 1010).ok(1L)
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    /** A write of unknown outcome takes effect once or never: it cannot be seen and then unseen. */
    @Test
    void check_writeOfUnknownOutcomeSeenThenGone_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).info()
                .read(2, "x").between(20, 30).ok(1L)
                .read(2, "x").between(40, 50).ok(null)
                .build();

        assertThat(checker.check(history).validity()).isEqualTo(Validity.INVALID);
    }

    /** A failed write was definitely not applied, so no read may see it. */
    @Test
    void check_failedWriteSeen_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).fail()
                .read(2, "x").between(20, 30).ok(1L)
                .build();

        assertThat(checker.check(history).validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void check_readOfAValueNeverWritten_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .read(2, "x").between(0, 30).ok(7L)
                .build();

        assertThat(checker.check(history).validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void check_compareAndSetFromTheCurrentValue_valid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .cas(2, "x", 1, 2).between(20, 30).ok()
                .read(3, "x").between(40, 50).ok(2L)
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    /** An acknowledged compare-and-set whose expected value the register did not hold. */
    @Test
    void check_compareAndSetFromAValueNotHeld_invalid() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .cas(2, "x", 5, 2).between(20, 30).ok()
                .build();

        assertThat(checker.check(history).validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void check_deleteThenRead_seesEmptyRegister() {
        History history = new TestHistory()
                .write(1, "x", 1).between(0, 10).ok()
                .delete(1, "x").between(20, 30).ok(true)
                .read(2, "x").between(40, 50).ok(null)
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    @Test
    void check_keysAreCheckedIndependently_onlyTheBadKeyIsReported() {
        History history = new TestHistory()
                .write(1, "good", 1).between(0, 10).ok()
                .read(2, "good").between(20, 30).ok(1L)
                .write(1, "bad", 1).between(0, 10).ok()
                .read(2, "bad").between(20, 30).ok(null)
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.counts()).containsEntry("keys", 2L).containsEntry("violations", 1L);
        assertThat(verdict.problems()).singleElement().asString().startsWith("register bad:");
    }

    /** Past the search bound the checker answers unknown instead of searching on. */
    @Test
    void check_searchLargerThanItsBound_unknown() {
        TestHistory builder = new TestHistory();
        for (int value = 1; value <= 8; value++) {
            builder.write(value, "x", value).between(0, 100).ok();
        }
        History history = builder.read(9, "x").between(200, 210).ok(8L).build();

        Verdict verdict = new LinearizabilityChecker(null, 5).check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.counts()).containsEntry("keys undecided", 1L);
        assertThat(new LinearizabilityChecker().check(history).isValid()).isTrue();
    }

    @Test
    void check_generatedLinearizableHistoryWithUnknownOutcomes_validWithinTheDefaultBound() {
        History history = RegisterHistories.linearizable(42, 6, 1_500);

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
    }

    /** The same generated history with one read made stale: it returns a value a completed write replaced. */
    @Test
    void check_generatedHistoryWithOneStaleRead_invalid() {
        History history = RegisterHistories.withOneStaleRead(RegisterHistories.linearizable(42, 6, 1_500));

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.INVALID);
    }
}
