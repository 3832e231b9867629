package io.clusterkv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.TestHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {

    private final CounterChecker checker = CounterChecker.linearizableReads();

    @Test
    void check_readsAndResultsWithinBounds_valid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).ok(1L)
                .increment(2, "c", 1).between(5, 30).ok(2L)
                .read(3, "c").between(12, 20).ok(1L)
                .read(3, "c").between(35, 40).ok(2L)
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n1", "c", 2L)));

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts()).containsEntry("reads checked", 2L).containsEntry("increments ok", 2L);
    }

    /** A read that misses an increment acknowledged before it started: lost or not yet visible. */
    @Test
    void check_readBelowAcknowledgedIncrements_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).ok(1L)
                .read(2, "c").between(20, 30).ok(0L)
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n1", "c", 1L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("read 0 is below 1");
    }

    /** A read that sees more than was ever attempted: an increment applied twice. */
    @Test
    void check_readAboveAttemptedIncrements_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).ok(1L)
                .read(2, "c").between(20, 30).ok(2L)
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n1", "c", 1L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("read 2 is above 1");
    }

    /** A failed increment was definitely not applied, so a final value that counts it is wrong. */
    @Test
    void check_failedIncrementCountedInFinalValue_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).fail()
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n2", "c", 1L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("final value 1 on n2 is above 0");
    }

    @Test
    void check_incrementOfUnknownOutcomeSeenOrNot_valid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).info()
                .read(2, "c").between(20, 30).ok(1L)
                .build();

        assertThat(checker.check(history, List.of(new FinalRead("n1", "c", 1L))).isValid()).isTrue();
        assertThat(checker.check(history, List.of(new FinalRead("n1", "c", null))).isValid()).isTrue();
    }

    /** The headline property: the final value is at least the sum of acknowledged increments. */
    @Test
    void check_finalValueBelowAcknowledgedIncrements_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).ok(1L)
                .increment(1, "c", 1).between(20, 30).ok(2L)
                .increment(1, "c", 1).between(40, 50).ok(3L)
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n3", "c", 2L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString()
                .contains("final value 2 on n3 is below 3", "1 acknowledged increment(s) lost");
    }

    /** Two concurrent increments may each return 1 or 2, but not both 1: one was applied on a diverged replica. */
    @Test
    void check_twoAcknowledgedIncrementsReturnTheSameValue_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).on("n1").ok(1L)
                .increment(2, "c", 1).between(0, 10).on("n2").ok(1L)
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n1", "c", 2L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("two acknowledged increments returned 1");
    }

    @Test
    void check_incrementResultBelowEarlierAcknowledgements_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).ok(1L)
                .increment(2, "c", 1).between(20, 30).ok(1L)
                .build();

        Verdict verdict = checker.check(history, List.of(new FinalRead("n1", "c", 2L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).anySatisfy(problem -> assertThat(problem).contains("increment result 1 is below 2"));
    }

    @Test
    void check_counterWithoutFinalRead_unknown() {
        History history = new TestHistory().increment(1, "c", 1).between(0, 10).ok(1L).build();

        Verdict verdict = checker.check(history, List.of());

        assertThat(verdict.validity()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.explanation()).contains("no final read of counter(s) [c]");
    }

    /** A replica that lags may miss another node's acknowledged increment, never its own. */
    @Test
    void check_localReadMissingAnotherNodesIncrement_validOnlyForLocalReads() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).on("n1").ok(1L)
                .read(2, "c").between(20, 30).on("n2").ok(0L)
                .build();
        List<FinalRead> finals = List.of(new FinalRead("n2", "c", 1L));

        assertThat(CounterChecker.localReads().check(history, finals).isValid()).isTrue();
        assertThat(CounterChecker.linearizableReads().check(history, finals).isValid()).isFalse();
    }

    @Test
    void check_localReadMissingItsOwnNodesIncrement_invalid() {
        History history = new TestHistory()
                .increment(1, "c", 1).between(0, 10).on("n1").ok(1L)
                .read(2, "c").between(20, 30).on("n1").ok(0L)
                .build();

        Verdict verdict = CounterChecker.localReads().check(history, List.of(new FinalRead("n1", "c", 1L)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void check_readsOfKeysNeverIncremented_areIgnored() {
        History history = new TestHistory()
                .write(1, "register", "a").between(0, 10).ok()
                .read(2, "register").between(20, 30).ok("a")
                .build();

        Verdict verdict = checker.check(history, List.of());

        assertThat(verdict.isValid()).isTrue();
        assertThat(verdict.counts()).containsEntry("counters", 0L);
    }

    @Test
    void check_negativeDelta_throwsIllegalArgumentException() {
        History history = new TestHistory().increment(1, "c", -1).between(0, 10).ok(-1L).build();

        assertThatThrownBy(() -> checker.check(history, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-negative deltas");
    }

    @Test
    void check_generatedConcurrentHistoryWithFailuresAndUnknowns_valid() {
        CounterHistories.Generated run = CounterHistories.correct(7, 8, 5_000);

        Verdict verdict = checker.check(run.history(), List.of(new FinalRead("n1", "c", run.finalValue())));

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts().get("increments info")).isPositive();
        assertThat(verdict.counts().get("increments fail")).isPositive();
    }
}
