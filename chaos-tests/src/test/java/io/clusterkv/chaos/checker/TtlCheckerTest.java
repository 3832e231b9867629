package io.clusterkv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.TestHistory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlCheckerTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final TtlChecker checker = new TtlChecker(Duration.ofMillis(100));

    @Test
    void check_readsBeforeTheDeadlineAndMissesAfter_valid() {
        History history = new TestHistory()
                .setTtl(1, "s", "v1", ONE_SECOND).between(0, 10).ok()
                .read(2, "s").between(500, 510).ok("v1")
                .read(2, "s").between(2000, 2010).ok(null)
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts()).containsEntry("reads checked", 1L);
    }

    /** A value read well after its TTL ran out: a replica resurrected an expired key. */
    @Test
    void check_valueReadLongAfterItsDeadline_invalid() {
        History history = new TestHistory()
                .setTtl(1, "s", "v1", ONE_SECOND).between(0, 10).ok()
                .read(2, "s").between(3000, 3010).on("n2").ok("v1")
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString()
                .contains("key s: value v1 read after it expired at 1.010 s at the latest");
    }

    @Test
    void check_valueReadJustAfterItsDeadlineWithinTolerance_valid() {
        History history = new TestHistory()
                .setTtl(1, "s", "v1", ONE_SECOND).between(0, 10).ok()
                .read(2, "s").between(1080, 1090).ok("v1")
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    @Test
    void check_setTtlOfUnknownOutcomeSeenLate_valid() {
        History history = new TestHistory()
                .setTtl(1, "s", "v1", ONE_SECOND).between(0, 5000).info()
                .read(2, "s").between(5500, 5510).ok("v1")
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    /** An acknowledged expire bounds the life of the value it found, even one written without a TTL. */
    @Test
    void check_valueReadAfterAnAcknowledgedExpireRanOut_invalid() {
        History history = new TestHistory()
                .write(1, "s", "v1").between(0, 10).ok()
                .expire(1, "s", ONE_SECOND).between(20, 30).ok(true)
                .read(2, "s").between(2000, 2010).ok("v1")
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("expired at 1.030 s at the latest");
    }

    @Test
    void check_laterExpireExtendsTheValuesLife_valid() {
        History history = new TestHistory()
                .setTtl(1, "s", "v1", ONE_SECOND).between(0, 10).ok()
                .expire(1, "s", Duration.ofSeconds(10)).between(500, 510).ok(true)
                .read(2, "s").between(5000, 5010).ok("v1")
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    @Test
    void check_expireOfUnknownOutcome_leavesTheValueUnbounded() {
        History history = new TestHistory()
                .write(1, "s", "v1").between(0, 10).ok()
                .expire(1, "s", ONE_SECOND).between(20, 30).info()
                .read(2, "s").between(9000, 9010).ok("v1")
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    @Test
    void check_valueNoWriteStored_invalid() {
        History history = new TestHistory()
                .setTtl(1, "s", "v1", ONE_SECOND).between(0, 10).fail()
                .read(2, "s").between(20, 30).ok("v1")
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().contains("no write may have stored");
    }
}
