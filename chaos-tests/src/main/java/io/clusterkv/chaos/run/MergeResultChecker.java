package io.clusterkv.chaos.run;

import io.clusterkv.chaos.checker.LostWriteChecker;
import io.clusterkv.chaos.checker.Validity;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.JsonValues;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import io.clusterkv.chaos.nemesis.Split;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the merge of the allow-all policy against its documentation (docs/design/partitions.md): during a split
 * every part writes, and on the merge the part with most members survives while the others' writes are
 * discarded. So, for every {@link Split}:
 * <ul>
 *   <li>both sides acknowledged writes while the members' views were split (otherwise the run showed nothing);</li>
 *   <li>every write acknowledged on a losing side between the moment the views split and the heal is gone from
 *       the final state (its keys do not hold the unique value it wrote);</li>
 *   <li>every other acknowledged write survives as the lost-write checker requires, except the losing side's
 *       writes from the cut to the merge, whose fate is not documented (those made before the members noticed
 *       the split, or while the parts were merging).</li>
 * </ul>
 * Writes acknowledged on a losing side just before the cut are checked like any other: the run must not isolate
 * the coordinator, whose own last writes the allow-all policy may lose in a crash (partitions.md).
 */
final class MergeResultChecker {
    private static final String NAME = "allow-all-merge";
    private static final int MAX_EXAMPLES = 20;

    Verdict check(History history, Map<String, ?> finalState, List<Split> splits) {
        if (splits.isEmpty()) {
            return new Verdict(NAME, Validity.UNKNOWN, "no partition happened, so no merge was checked", Map.of(),
                    List.of());
        }
        List<String> problems = new ArrayList<>();
        Set<Long> undocumented = new HashSet<>();
        long discarded = 0;
        long survivingSideWrites = 0;
        for (Split split : splits) {
            Set<String> survivors = split.largestSide();
            for (Operation write : acknowledgedWrites(history)) {
                boolean losing = !survivors.contains(write.node());
                if (losing && split.whileViewsSplit(write)) {
                    discarded++;
                    checkGone(write, finalState, problems);
                } else if (!losing && split.whileViewsSplit(write)) {
                    survivingSideWrites++;
                }
                if (losing && mayBeDiscarded(write, split)) {
                    undocumented.add(write.id());
                }
            }
            if (split.viewsSplitNanos() == null) {
                problems.add("the members never saw the split " + split.sides() + ", so nothing was checked");
            }
        }
        Verdict survived = new LostWriteChecker().check(withoutOperations(history, undocumented), finalState);
        return verdict(problems, survived, discarded, survivingSideWrites, undocumented.size());
    }

    private static List<Operation> acknowledgedWrites(History history) {
        return history.calling(KvFunction.WRITE, KvFunction.MSET).stream()
                .filter(op -> op.type() == CompletionType.OK).toList();
    }

    private static boolean mayBeDiscarded(Operation write, Split split) {
        Long merged = split.mergedNanos();
        long end = merged == null ? Long.MAX_VALUE : merged;
        return write.completeNanos() >= split.cutNanos() && write.invokeNanos() <= end;
    }

    private static void checkGone(Operation write, Map<String, ?> finalState, List<String> problems) {
        for (String key : write.keys()) {
            Object written = write.function() == KvFunction.MSET && write.argument() instanceof Map<?, ?> values
                    ? values.get(key) : write.argument();
            if (finalState.containsKey(key) && JsonValues.equal(written, finalState.get(key))) {
                problems.add("key " + key + " still holds " + written + ", written on the losing side during the"
                        + " split, which the merge should have discarded: " + write.describe());
            }
        }
    }

    private static History withoutOperations(History history, Set<Long> ids) {
        return new History(history.operations().stream().filter(op -> !ids.contains(op.id())).toList());
    }

    private static Verdict verdict(List<String> problems, Verdict survived, long discarded, long survivingSideWrites,
                                   long undocumented) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("losing-side writes acknowledged during the split", discarded);
        counts.put("surviving-side writes acknowledged during the split", survivingSideWrites);
        counts.put("losing-side writes around the split, not checked", undocumented);
        counts.putAll(survived.counts());
        List<String> all = new ArrayList<>(problems);
        all.addAll(survived.problems());
        if (discarded == 0 || survivingSideWrites == 0) {
            all.add(0, "both sides must acknowledge writes during the split to show the policy; losing side: "
                    + discarded + ", surviving side: " + survivingSideWrites);
        }
        counts.put("violations", (long) all.size());
        if (!all.isEmpty()) {
            return new Verdict(NAME, Validity.INVALID, all.size() + " problem(s) with the merge result", counts,
                    all.subList(0, Math.min(all.size(), MAX_EXAMPLES)));
        }
        return new Verdict(NAME, Validity.VALID, "both sides wrote during the split (" + survivingSideWrites
                + " writes on the surviving side, " + discarded + " on the losing side); the losing side's are gone"
                + " after the merge, and " + survived.explanation(), counts, List.of());
    }
}
