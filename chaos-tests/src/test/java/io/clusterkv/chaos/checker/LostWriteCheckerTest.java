package io.clusterkv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.TestHistory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LostWriteCheckerTest {

    private final LostWriteChecker checker = new LostWriteChecker();

    @Test
    void check_everyAcknowledgedValuePresent_valid() {
        Verdict verdict = checker.check(Map.of("k1", "a", "k2", 2L), Map.of("k1", "a", "k2", 2, "other", "z"));

        assertThat(verdict.validity()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts()).containsEntry("acknowledged keys", 2L);
    }

    /** The Redis Sentinel failure: acknowledged keys missing from the primary side after a partition heals. */
    @Test
    void check_acknowledgedKeyMissing_invalidListingIt() {
        Verdict verdict = checker.check(Map.of("k1", "a", "k2", "b"), Map.of("k1", "a"));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString()
                .isEqualTo("key k2: acknowledged value b is lost; the final state has no such key");
    }

    @Test
    void check_acknowledgedKeyHoldsAnotherValue_invalid() {
        Verdict verdict = checker.check(Map.of("k1", "a"), Map.of("k1", "stale"));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void check_historyWhoseKeysHoldTheirLastAcknowledgedWrite_valid() {
        History history = new TestHistory()
                .write(1, "k", "a").between(0, 10).ok()
                .write(1, "k", "b").between(20, 30).ok()
                .mset(2, Map.of("g1", 5, "g2", 5)).between(0, 10).ok()
                .build();

        Verdict verdict = checker.check(history, Map.of("k", "b", "g1", 5, "g2", 5));

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts()).containsEntry("acknowledged keys", 3L);
    }

    /** The later acknowledged write was lost: the key went back to the value it replaced. */
    @Test
    void check_historyKeyBackToASupersededValue_invalid() {
        History history = new TestHistory()
                .write(1, "k", "a").between(0, 10).ok()
                .write(1, "k", "b").between(20, 30).ok()
                .build();

        Verdict verdict = checker.check(history, Map.of("k", "a"));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString()
                .contains("key k: acknowledged write lost; the final state has value a", "write k b -> ok");
    }

    @Test
    void check_historyConcurrentWritesEitherValueLast_valid() {
        History history = new TestHistory()
                .write(1, "k", "a").between(0, 10).ok()
                .write(2, "k", "b").between(5, 15).ok()
                .build();

        assertThat(checker.check(history, Map.of("k", "a")).isValid()).isTrue();
        assertThat(checker.check(history, Map.of("k", "b")).isValid()).isTrue();
    }

    @Test
    void check_historyWriteOfUnknownOutcomeAppliedLast_valid() {
        History history = new TestHistory()
                .write(1, "k", "a").between(0, 10).info()
                .write(2, "k", "b").between(20, 30).ok()
                .build();

        assertThat(checker.check(history, Map.of("k", "a")).isValid()).isTrue();
    }

    /** A failed write was definitely not applied, so it cannot explain the final value. */
    @Test
    void check_historyFinalValueFromAFailedWrite_invalid() {
        History history = new TestHistory()
                .write(1, "k", "a").between(0, 10).ok()
                .write(2, "k", "b").between(20, 30).fail()
                .build();

        assertThat(checker.check(history, Map.of("k", "b")).validity()).isEqualTo(Validity.INVALID);
    }

    @Test
    void check_historyKeysDeletedOrGivenATtl_areSkipped() {
        History history = new TestHistory()
                .write(1, "deleted", "a").between(0, 10).ok()
                .delete(1, "deleted").between(20, 30).ok(true)
                .write(1, "expiring", "a").between(0, 10).ok()
                .expire(1, "expiring", Duration.ofSeconds(1)).between(20, 30).ok(true)
                .build();

        Verdict verdict = checker.check(history, Map.of());

        assertThat(verdict.isValid()).isTrue();
        assertThat(verdict.counts()).containsEntry("keys skipped (deleted, TTL or expired)", 2L);
    }
}
