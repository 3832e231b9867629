package io.clusterkv.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.TestHistory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsetAtomicityCheckerTest {

    private static final List<String> GROUP = List.of("g:a", "g:b", "g:c");

    private final MsetAtomicityChecker checker = new MsetAtomicityChecker();

    private static Map<String, Object> generation(long generation) {
        Map<String, Object> values = new LinkedHashMap<>();
        GROUP.forEach(key -> values.put(key, generation));
        return values;
    }

    @Test
    void check_mgetsSeeWholeGroupsOrNothing_valid() {
        History history = new TestHistory()
                .mget(2, GROUP).between(0, 5).ok(Arrays.asList(null, null, null))
                .mset(1, generation(1)).between(10, 20).ok()
                .mget(2, GROUP).between(15, 18).ok(Arrays.asList(1L, 1L, 1L))
                .mset(1, generation(2)).between(30, 40).ok()
                .mget(2, GROUP).between(32, 38).ok(Arrays.asList(2L, 2L, 2L))
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).as(verdict.toString()).isEqualTo(Validity.VALID);
        assertThat(verdict.counts()).containsEntry("mgets checked", 3L).containsEntry("msets", 2L);
    }

    /** A reader saw part of an mset: some keys of the group exist, others not yet. */
    @Test
    void check_mgetSeesPartOfAGroup_invalid() {
        History history = new TestHistory()
                .mset(1, generation(1)).between(10, 20).ok()
                .mget(2, GROUP).between(12, 18).ok(Arrays.asList(1L, null, 1L))
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().startsWith("partial group: 1 of 3 keys missing");
    }

    /** A reader saw two msets interleaved: keys of one group from different generations. */
    @Test
    void check_mgetSeesMixedGenerations_invalid() {
        History history = new TestHistory()
                .mset(1, generation(1)).between(0, 10).ok()
                .mset(1, generation(2)).between(20, 30).ok()
                .mget(2, GROUP).between(22, 28).ok(Arrays.asList(2L, 1L, 2L))
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).singleElement().asString().startsWith("mixed generations [2, 1]");
    }

    /** A failed mset took no effect, so its generation must never be seen. */
    @Test
    void check_mgetSeesAFailedMset_invalid() {
        History history = new TestHistory()
                .mset(1, generation(1)).between(0, 10).fail()
                .mget(2, GROUP).between(20, 30).ok(Arrays.asList(1L, 1L, 1L))
                .build();

        Verdict verdict = checker.check(history);

        assertThat(verdict.validity()).isEqualTo(Validity.INVALID);
        assertThat(verdict.problems()).allSatisfy(problem ->
                assertThat(problem).contains("was written by no mset that may have taken effect"));
    }

    @Test
    void check_mgetSeesAnMsetOfUnknownOutcome_valid() {
        History history = new TestHistory()
                .mset(1, generation(1)).between(0, 10).info()
                .mget(2, GROUP).between(20, 30).ok(Arrays.asList(1L, 1L, 1L))
                .build();

        assertThat(checker.check(history).isValid()).isTrue();
    }

    @Test
    void check_generationsInsideValues_comparedByTheGivenExtractor() {
        Map<String, Object> values = Map.of("g:a", "gen7-a", "g:b", "gen7-b");
        History history = new TestHistory()
                .mset(1, values).between(0, 10).ok()
                .mget(2, List.of("g:a", "g:b")).between(20, 30).ok(List.of("gen7-a", "gen7-b"))
                .build();
        MsetAtomicityChecker byPrefix = new MsetAtomicityChecker(value -> String.valueOf(value).split("-")[0]);

        assertThat(byPrefix.check(history).isValid()).isTrue();
        assertThat(checker.check(history).validity()).isEqualTo(Validity.INVALID);
    }
}
