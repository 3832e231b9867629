package io.clusterkv.chaos.checker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one checker concluded about one run.
 *
 * @param checker     the checker's name, e.g. {@code counter}
 * @param validity    whether the property held
 * @param explanation one or two sentences for people: what was checked and what was found
 * @param counts      named figures, in a stable order (operations checked, violations found, ...)
 * @param problems    the first violations found, each described on one line with the operations involved
 */
public record Verdict(String checker, Validity validity, String explanation, Map<String, Long> counts,
                      List<String> problems) {

    /** @throws NullPointerException if any component is null */
    public Verdict {
        Objects.requireNonNull(checker, "checker name cannot be null");
        Objects.requireNonNull(validity, "validity cannot be null");
        Objects.requireNonNull(explanation, "explanation cannot be null");
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, "counts cannot be null")));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems cannot be null"));
    }

    /** @return {@code true} if the property held */
    @JsonIgnore
    public boolean isValid() {
        return validity == Validity.VALID;
    }

    /** @return a one-line summary, e.g. {@code counter: invalid (2 reads out of bounds)} */
    @Override
    public String toString() {
        return checker + ": " + validity.jsonName() + " - " + explanation
                + (problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems));
    }
}
