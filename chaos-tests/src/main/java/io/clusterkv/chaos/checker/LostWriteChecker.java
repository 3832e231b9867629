package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.JsonValues;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Checks that no acknowledged write was lost: the state left on the primary side after the run (a dump of one of
 * its nodes) still holds every acknowledged value, unless a later write replaced it.
 *
 * <p>From a history, a key's final value must be one a write could have left last: an acknowledged write that no
 * other acknowledged write followed in real time, or a write of unknown outcome (it may have been applied at any
 * time). Keys that were deleted, given a TTL or expired are skipped, as they may rightly be gone.
 */
public final class LostWriteChecker {

    private static final String NAME = "no-lost-writes";
    private static final Set<KvFunction> REMOVING = Set.of(KvFunction.DELETE, KvFunction.SET_TTL, KvFunction.EXPIRE);

    /**
     * @param acknowledgedWrites for each key written, the value of its last acknowledged write
     * @param finalState         the primary side's state after the run, key to value
     * @return valid if every key holds its value, invalid listing those that do not
     * @throws IllegalArgumentException if a value has no JSON form
     */
    public Verdict check(Map<String, ?> acknowledgedWrites, Map<String, ?> finalState) {
        Objects.requireNonNull(acknowledgedWrites, "acknowledged writes cannot be null");
        Objects.requireNonNull(finalState, "final state cannot be null");
        Findings findings = new Findings(NAME);
        acknowledgedWrites.forEach((key, value) -> {
            if (!finalState.containsKey(key) || !JsonValues.equal(value, finalState.get(key))) {
                findings.violation("key " + key + ": acknowledged value " + JsonValues.normalize(value)
                        + " is lost; the final state has " + describeFinal(finalState, key));
            }
        });
        findings.count("acknowledged keys", acknowledgedWrites.size());
        return verdict(findings, acknowledgedWrites.size());
    }

    /**
     * @param history    the run's operations; writes, compare-and-sets and msets are checked
     * @param finalState the primary side's state after the run, key to value
     * @return valid if every acknowledged key holds a value a write could have left last, invalid otherwise
     * @throws IllegalArgumentException if a value of the final state has no JSON form
     */
    public Verdict check(History history, Map<String, ?> finalState) {
        Objects.requireNonNull(history, "history cannot be null");
        Objects.requireNonNull(finalState, "final state cannot be null");
        Findings findings = new Findings(NAME);
        Map<String, List<KeyWrite>> writesByKey = writesByKey(history);
        Set<String> skipped = keysThatMayRightlyVanish(history);
        long checked = 0;
        for (Map.Entry<String, List<KeyWrite>> entry : writesByKey.entrySet()) {
            List<KeyWrite> writes = entry.getValue();
            if (skipped.contains(entry.getKey()) || writes.stream().noneMatch(KeyWrite::acknowledged)) {
                continue;
            }
            checked++;
            checkKey(entry.getKey(), writes, finalState, findings);
        }
        findings.count("acknowledged keys", checked);
        findings.count("keys skipped (deleted, TTL or expired)", skipped.size());
        return verdict(findings, checked);
    }

    /** One write of one key: an mset is one write per key it sets. */
    private record KeyWrite(Operation op, @Nullable Object value) {
        boolean acknowledged() {
            return op.type() == CompletionType.OK;
        }
    }

    private static Map<String, List<KeyWrite>> writesByKey(History history) {
        Map<String, List<KeyWrite>> byKey = new LinkedHashMap<>();
        for (Operation op : history.calling(KvFunction.WRITE, KvFunction.CAS, KvFunction.MSET)) {
            if (!op.type().mayHaveTakenEffect()) {
                continue;
            }
            for (String key : op.keys()) {
                Object value = op.function() == KvFunction.MSET ? msetValue(op, key) : op.writtenValue();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new KeyWrite(op, value));
            }
        }
        return byKey;
    }

    private static @Nullable Object msetValue(Operation mset, String key) {
        return mset.argument() instanceof Map<?, ?> values ? values.get(key) : null;
    }

    private static Set<String> keysThatMayRightlyVanish(History history) {
        Set<String> keys = new TreeSet<>();
        history.operations().stream()
                .filter(op -> REMOVING.contains(op.function()) && op.type().mayHaveTakenEffect())
                .forEach(op -> keys.addAll(op.keys()));
        return keys;
    }

    private static void checkKey(String key, List<KeyWrite> writes, Map<String, ?> finalState, Findings findings) {
        Object finalValue = JsonValues.normalize(finalState.get(key));
        boolean explained = finalState.containsKey(key) && writes.stream()
                .filter(write -> mayBeLast(write, writes))
                .anyMatch(write -> Objects.equals(write.value(), finalValue));
        if (!explained) {
            KeyWrite lastAcknowledged = writes.stream().filter(KeyWrite::acknowledged)
                    .max(Comparator.comparingLong(write -> write.op().completeNanos()))
                    .orElseThrow();
            findings.violation("key " + key + ": acknowledged write lost; the final state has "
                    + describeFinal(finalState, key) + ", the last acknowledged write was "
                    + lastAcknowledged.op().describe());
        }
    }

    // An acknowledged write is certainly replaced by an acknowledged write invoked after it completed; a write of
    // unknown outcome may have been applied at any time, so it may always be last.
    private static boolean mayBeLast(KeyWrite write, List<KeyWrite> writes) {
        if (!write.acknowledged()) {
            return true;
        }
        long completed = write.op().completeNanos();
        return writes.stream().noneMatch(other -> other.acknowledged() && other.op().invokeNanos() > completed);
    }

    private static String describeFinal(Map<String, ?> finalState, String key) {
        return finalState.containsKey(key) ? "value " + JsonValues.normalize(finalState.get(key)) : "no such key";
    }

    private static Verdict verdict(Findings findings, long checked) {
        return findings.verdict(
                "all " + checked + " acknowledged key(s) hold their last acknowledged value",
                findings.violations() + " of " + checked + " acknowledged key(s) lost their value");
    }
}
