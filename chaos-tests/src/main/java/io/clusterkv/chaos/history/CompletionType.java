package io.clusterkv.chaos.history;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an operation ended, as Jepsen's {@code :ok}, {@code :fail} and {@code :info}. */
public enum CompletionType {

    /** Acknowledged: the operation took effect and its result is known. */
    OK,

    /**
     * Definitely not applied: rejected before it could take effect (no quorum before sending, an argument error, a
     * compare-and-set whose comparison failed). Checkers treat it as if it had never been invoked.
     */
    FAIL,

    /**
     * Unknown outcome (timeout, connection lost, node killed): the operation may take effect at any time after its
     * invocation, or never. Its result, if any, is not known.
     */
    INFO;

    /** @return {@code true} for {@link #OK} and {@link #INFO}: the operation may have changed the state */
    public boolean mayHaveTakenEffect() {
        return this != FAIL;
    }

    /** @return the name used in JSON and reports: {@code ok}, {@code fail} or {@code info} */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
