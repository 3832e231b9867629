package io.clusterkv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceCheckerTest {

    private final ConvergenceChecker checker = new ConvergenceChecker();

    @Test
    void check_allNodesReportTheSameState_valid() {
        Verdict verdict = checker.check(List.of(
                new NodeDigest("n1", 120, 0x3fa2L, 42),
                new NodeDigest("n2", 120, 0x3fa2L, 42),
                new NodeDigest("n3", 120, 0x3fa2L, 42)));

        assertThat(verdict.validity()).isEqualTo(Validity.VALID);
        assertThat(verdict.explanation()).contains("all 3 node(s) report index 120, digest 3fa2, 42 entries");
    }

    /** A replica that diverged (different digest at the same index) is named against the majority. */
    @Test
    void check_oneNodeWithADifferentDigest_invalidNamingThatNode() {
        Verdict verdict = checker.check(List.of(
                new NodeDigest("n1", 120, 0x3fa2L, 42),
                new NodeDigest("n2", 120, 0x3fa2L, 42),
                new NodeDigest("n3", 120, 0x77L, 41)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString()
                .startsWith("n3 at index 120, digest 77, 41 entries differ from n1, n2");
    }

    /** A replica that has not caught up (same digest by chance, or behind) has not converged. */
    @Test
    void check_oneNodeBehindInAppliedIndex_invalid() {
        Verdict verdict = checker.check(List.of(
                new NodeDigest("n1", 120, 0x3fa2L, 42),
                new NodeDigest("n2", 118, 0x3fa2L, 42)));

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.counts()).containsEntry("distinct states", 2L);
    }

    @Test
    void check_noNodes_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> checker.check(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one node");
    }

    @Test
    void check_sameNodeTwice_throwsIllegalArgumentException() {
        assertThatThrownBy(() -> checker.check(List.of(new NodeDigest("n1", 1, 1, 1), new NodeDigest("n1", 1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n1 is given twice");
    }
}
