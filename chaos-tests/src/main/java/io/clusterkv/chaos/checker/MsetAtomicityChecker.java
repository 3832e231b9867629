package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks that an mset is atomic to readers. The workload writes a group of keys with one mset whose values all
 * carry one generation number, and reads the group back with one mget; every acknowledged mget must then show
 * either no key of the group, or every key with one generation, and only generations an mset that may have taken
 * effect wrote to those keys (a failed mset took no effect).
 *
 * <p>By default a value is its own generation (the workload stores the generation number itself); give a
 * {@code generationOf} function when values carry it inside, e.g. {@code "g17-k3"}.
 */
public final class MsetAtomicityChecker {

    private static final String NAME = "mset-atomicity";

    private final Function<@Nullable Object, @Nullable Object> generationOf;

    /** A checker for values that are their own generation. */
    public MsetAtomicityChecker() {
        this(value -> value);
    }

    /**
     * @param generationOf extracts the generation from a value as recorded (in its JSON form)
     * @throws NullPointerException if the function is null
     */
    public MsetAtomicityChecker(Function<@Nullable Object, @Nullable Object> generationOf) {
        this.generationOf = Objects.requireNonNull(generationOf, "generation function cannot be null");
    }

    /**
     * @param history the run's operations; msets and acknowledged mgets are read
     * @return valid if every mget saw whole groups of one written generation, invalid otherwise
     */
    public Verdict check(History history) {
        Objects.requireNonNull(history, "history cannot be null");
        Findings findings = new Findings(NAME);
        Set<KeyValue> writable = valuesThatMayHaveBeenWritten(history);
        List<Operation> mgets = history.calling(KvFunction.MGET).stream()
                .filter(op -> op.type() == CompletionType.OK)
                .toList();
        mgets.forEach(mget -> checkMget(mget, writable, findings));
        findings.count("msets", history.calling(KvFunction.MSET).size());
        findings.count("mgets checked", mgets.size());
        return findings.verdict(
                mgets.size() + " mget(s) each saw a whole group of one generation, or none of it",
                findings.violations() + " violation(s) among " + mgets.size()
                        + " mget(s): partial groups, mixed generations or values no mset wrote");
    }

    private record KeyValue(String key, @Nullable Object value) {
    }

    private static Set<KeyValue> valuesThatMayHaveBeenWritten(History history) {
        Set<KeyValue> written = new HashSet<>();
        for (Operation mset : history.calling(KvFunction.MSET)) {
            if (mset.type().mayHaveTakenEffect() && mset.argument() instanceof Map<?, ?> values) {
                values.forEach((key, value) -> written.add(new KeyValue((String) key, value)));
            }
        }
        return written;
    }

    private void checkMget(Operation mget, Set<KeyValue> writable, Findings findings) {
        if (!(mget.result() instanceof List<?> values) || values.size() != mget.keys().size()) {
            findings.violation("mget did not return one value per key: " + mget.describe());
            return;
        }
        long missing = values.stream().filter(Objects::isNull).count();
        if (missing > 0 && missing < values.size()) {
            findings.violation("partial group: " + missing + " of " + values.size() + " keys missing: "
                    + mget.describe());
            return;
        }
        Set<@Nullable Object> generations = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null) {
                generations.add(generationOf.apply(value));
                requireWritten(new KeyValue(mget.keys().get(i), value), writable, mget, findings);
            }
        }
        if (generations.size() > 1) {
            findings.violation("mixed generations " + generations + ": " + mget.describe());
        }
    }

    private static void requireWritten(KeyValue seen, Set<KeyValue> writable, Operation mget, Findings findings) {
        if (!writable.contains(seen)) {
            findings.violation("value " + seen.value() + " of " + seen.key()
                    + " was written by no mset that may have taken effect: " + mget.describe());
        }
    }
}
