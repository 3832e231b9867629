package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.JsonValues;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import io.clusterkv.chaos.history.RunClock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the reads, writes, compare-and-sets and deletes of each single key are linearizable: that there is
 * one order of them, consistent with real time (an operation that completed before another was invoked comes
 * first), in which every read returns the last value written.
 *
 * <p>Keys are checked one at a time (linearizability is compositional, so a history is linearizable exactly when
 * each key's sub-history is) with a Wing and Gong search memoized as Lowe describes ({@code WingGongSearch}).
 * Failed operations are left out: they did not happen. Operations of unknown outcome may take effect at any time
 * after their invocation or never; reads of unknown outcome are left out, as they returned nothing to check, and
 * so are writes of unknown outcome whose value nobody observed (see {@code withoutUnobservedUnknownWrites}).
 *
 * <p>The search is exponential in the number of operations that overlap in time. It stops after
 * {@code maxConfigurationsPerKey} distinct configurations of a key (each holds a bit set over the key's operations,
 * so memory grows with both) and reports that key as unknown rather than running on. Keep register keys short-lived
 * in workloads (a few hundred operations each) so every key is decided.
 *
 * <p>clusterkv serves reads from the local replica, which may lag: a read on a lagging node that returns a value
 * an acknowledged write already replaced is a violation here, as it is of linearizability. Feed this checker reads
 * that are meant to be linearizable (e.g. made through the ordered stream), or only reads served by the node that
 * acknowledged the writes they follow; {@link CounterChecker#localReads()} shows the weaker bound for counters.
 */
public final class LinearizabilityChecker {

    /**
     * The default search bound per key: a few seconds of search, and for a key of a few thousand operations a few
     * hundred MB of configurations, within the test JVM's heap.
     */
    public static final long DEFAULT_MAX_CONFIGURATIONS_PER_KEY = 500_000;

    private static final String NAME = "linearizable-register";
    private static final int PREFIX_OPS_SHOWN = 3;

    private final @Nullable Object initialValue;
    private final long maxConfigurationsPerKey;

    /** A checker for registers that start empty, with the default search bound. */
    public LinearizabilityChecker() {
        this(null, DEFAULT_MAX_CONFIGURATIONS_PER_KEY);
    }

    /**
     * @param initialValue            every register's value before the run; {@code null} for empty
     * @param maxConfigurationsPerKey how many configurations the search may visit per key before giving up
     * @throws IllegalArgumentException if the bound is not positive or the value has no JSON form
     */
    public LinearizabilityChecker(@Nullable Object initialValue, long maxConfigurationsPerKey) {
        if (maxConfigurationsPerKey <= 0) {
            throw new IllegalArgumentException("maxConfigurationsPerKey must be positive, was "
                    + maxConfigurationsPerKey);
        }
        this.initialValue = JsonValues.normalize(initialValue);
        this.maxConfigurationsPerKey = maxConfigurationsPerKey;
    }

    /**
     * @param history the run's operations; reads, writes, compare-and-sets and deletes of single keys are checked
     * @return valid if every key is linearizable, invalid if one is not, unknown if none is proven wrong but the
     *         search of some key was cut short
     */
    public Verdict check(History history) {
        Objects.requireNonNull(history, "history cannot be null");
        Findings findings = new Findings(NAME);
        Map<String, List<Operation>> byKey = history.singleKeyOperationsByKey(
                KvFunction.READ, KvFunction.WRITE, KvFunction.CAS, KvFunction.DELETE);
        long undecided = 0;
        for (Map.Entry<String, List<Operation>> key : byKey.entrySet()) {
            List<Operation> constraining = key.getValue().stream().filter(LinearizabilityChecker::constrains).toList();
            List<Operation> ops = withoutUnobservedUnknownWrites(constraining);
            findings.count("unobserved unknown writes left out", constraining.size() - ops.size());
            WingGongSearch.Result result = new WingGongSearch(ops, initialValue, maxConfigurationsPerKey).run();
            findings.count("operations checked", ops.size());
            findings.count("configurations explored", result.configurations());
            undecided += report(key.getKey(), ops.size(), result, findings);
        }
        findings.count("keys", byKey.size());
        findings.count("keys undecided", undecided);
        return verdict(findings, byKey.size(), undecided);
    }

    private static boolean constrains(Operation op) {
        return switch (op.type()) {
            case OK -> true;
            case INFO -> op.function() != KvFunction.READ;
            case FAIL -> false;
        };
    }

    /**
     * Leaves out writes of unknown outcome whose value no acknowledged read returned and no compare-and-set
     * expected. Assuming such a write never happened loses no linearization: wherever it could be placed, no
     * operation observed its value before the next write replaced it, so every other operation sees the same
     * state without it. This matters because each unknown write stays a candidate until the end of the history,
     * and a run with many timeouts would otherwise multiply the search. Deletes report whether a value existed,
     * which an unobserved write can change, so a key with deletes keeps all its writes.
     */
    private static List<Operation> withoutUnobservedUnknownWrites(List<Operation> ops) {
        if (ops.stream().anyMatch(op -> op.function() == KvFunction.DELETE)) {
            return ops;
        }
        Set<@Nullable Object> observed = new HashSet<>();
        for (Operation op : ops) {
            if (op.function() == KvFunction.READ) {
                observed.add(op.result());
            } else if (op.function() == KvFunction.CAS) {
                observed.add(op.expectedValue());
            }
        }
        return ops.stream()
                .filter(op -> op.type() != CompletionType.INFO || observed.contains(op.writtenValue()))
                .toList();
    }

    /** @return 1 if the key was left undecided, else 0 */
    private long report(String key, int operations, WingGongSearch.Result result, Findings findings) {
        switch (result.outcome()) {
            case NOT_LINEARIZABLE -> findings.violation(describeViolation(key, operations, result));
            case TOO_LARGE -> {
                return 1;
            }
            case LINEARIZABLE -> {
                // nothing to report
            }
        }
        return 0;
    }

    private static String describeViolation(String key, int operations, WingGongSearch.Result result) {
        List<Operation> prefix = result.longestPrefix();
        StringBuilder text = new StringBuilder("register ").append(key).append(": not linearizable. The longest")
                .append(" linearizable prefix orders ").append(prefix.size()).append(" of ").append(operations)
                .append(" operations");
        if (!prefix.isEmpty()) {
            List<Operation> last = prefix.subList(Math.max(0, prefix.size() - PREFIX_OPS_SHOWN), prefix.size());
            text.append(", ending ");
            last.forEach(op -> text.append(op.describe()).append("; "));
            text.append("then the register holds ").append(result.stateAfterPrefix());
        } else {
            text.append(" (the register holds ").append(result.stateAfterPrefix()).append(")");
        }
        Operation blocked = Objects.requireNonNull(result.blocked(), "a failed search names the blocked operation");
        return text.append(", and no order lets ").append(blocked.describe())
                .append(" take effect before it completed at ").append(RunClock.format(blocked.completeNanos()))
                .toString();
    }

    private Verdict verdict(Findings findings, int keys, long undecided) {
        if (findings.violations() == 0 && undecided > 0) {
            return findings.unknown(undecided + " of " + keys + " register key(s) exceeded the search bound of "
                    + maxConfigurationsPerKey + " configurations; the others are linearizable");
        }
        return findings.verdict(
                keys + " register key(s): every key's reads and writes are linearizable",
                findings.violations() + " of " + keys + " register key(s) are not linearizable");
    }
}
