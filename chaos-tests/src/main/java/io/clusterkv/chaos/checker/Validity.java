package io.clusterkv.chaos.checker;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome of a check, as Jepsen's {@code :valid?} of {@code true}, {@code false} and {@code :unknown}. */
public enum Validity {

    /** The property held. */
    VALID,

    /** The property was violated; the verdict's problems show how. */
    INVALID,

    /** The checker could not decide, e.g. the search space was larger than its bound. */
    UNKNOWN;

    /** @return the name used in JSON and reports: {@code valid}, {@code invalid} or {@code unknown} */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
