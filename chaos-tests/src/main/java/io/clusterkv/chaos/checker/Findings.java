package io.clusterkv.chaos.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a checker's counts and violations while it runs and turns them into a {@link Verdict}. Only the first
 * {@link #MAX_EXAMPLES} violations are described, so a badly broken run still yields a readable report; all are
 * counted.
 */
final class Findings {

    static final int MAX_EXAMPLES = 20;

    private final String checker;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private long violations;

    Findings(String checker) {
        this.checker = checker;
    }

    void count(String name, long amount) {
        counts.merge(name, amount, Long::sum);
    }

    void violation(String description) {
        violations++;
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(description);
        }
    }

    long violations() {
        return violations;
    }

    /** @return a valid verdict if no violation was found, else an invalid one, explained by the given text */
    Verdict verdict(String whenValid, String whenInvalid) {
        counts.put("violations", violations);
        return violations == 0
                ? new Verdict(checker, Validity.VALID, whenValid, counts, List.of())
                : new Verdict(checker, Validity.INVALID, whenInvalid, counts, examples);
    }

    Verdict unknown(String explanation) {
        counts.put("violations", violations);
        return new Verdict(checker, Validity.UNKNOWN, explanation, counts, examples);
    }
}
