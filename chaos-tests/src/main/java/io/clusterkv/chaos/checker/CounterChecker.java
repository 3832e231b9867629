package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Jepsen's counter checker, per counter key. An increment that completed {@link CompletionType#OK OK} surely
 * happened; one that completed {@link CompletionType#INFO INFO} may have; one that {@link CompletionType#FAIL FAIL}ed
 * did not. So:
 *
 * <ul>
 *   <li>every read lies between the acknowledged increments completed before it started (lower bound) and the
 *       acknowledged or unknown increments invoked before it ended (upper bound);</li>
 *   <li>every acknowledged increment returned a value in the same bounds, counting itself;</li>
 *   <li>no two acknowledged increments with a positive delta returned the same value (the counter only grows, so
 *       each value is reached once; a duplicate means an increment was applied twice or on diverged replicas);</li>
 *   <li>each final read, taken after the run, lies between the sum of acknowledged and the sum of attempted
 *       increments.</li>
 * </ul>
 *
 * <p>The lower bound of a read assumes reads see every increment acknowledged before they start, which holds for
 * linearizable reads. clusterkv serves reads from the local replica, which may lag others: use
 * {@link #localReads()} for such reads, whose lower bound counts only the increments acknowledged by the node that
 * serves the read (a node reads its own writes). Increment results and final reads are checked the same way in
 * both modes, because increments themselves are ordered in one total order.
 *
 * <p>Deltas must not be negative. Counter keys are those with at least one increment or final read; reads of other
 * keys are not looked at.
 */
public final class CounterChecker {

    private static final String NAME = "counter";

    private final boolean readsSeeOnlyTheirNodesAcknowledgements;

    private CounterChecker(boolean readsSeeOnlyTheirNodesAcknowledgements) {
        this.readsSeeOnlyTheirNodesAcknowledgements = readsSeeOnlyTheirNodesAcknowledgements;
    }

    /** @return a checker for reads that see every increment acknowledged before they started (Jepsen's) */
    public static CounterChecker linearizableReads() {
        return new CounterChecker(false);
    }

    /**
     * @return a checker for reads served by one replica, which sees the increments that node acknowledged before
     *         the read started, and perhaps not yet those acknowledged by other nodes
     */
    public static CounterChecker localReads() {
        return new CounterChecker(true);
    }

    /**
     * @param history    the run's operations; increments and reads of counter keys are checked
     * @param finalReads each counter's value read after the run, on one or more nodes
     * @return valid if every bound held and no acknowledged value repeated; unknown if none did fail but a counter
     *         has no final read; invalid otherwise
     * @throws IllegalArgumentException if an increment has a negative or non-integer delta
     */
    public Verdict check(History history, Collection<FinalRead> finalReads) {
        Objects.requireNonNull(history, "history cannot be null");
        Objects.requireNonNull(finalReads, "final reads cannot be null");
        Findings findings = new Findings(NAME);
        Map<String, List<Operation>> opsByKey = history.singleKeyOperationsByKey(KvFunction.INCREMENT, KvFunction.READ);
        Map<String, List<FinalRead>> finalsByKey = finalReads.stream()
                .collect(Collectors.groupingBy(FinalRead::key));
        Set<String> counterKeys = counterKeys(opsByKey, finalsByKey);
        Set<String> withoutFinalRead = new TreeSet<>();
        for (String key : counterKeys) {
            List<FinalRead> finals = finalsByKey.getOrDefault(key, List.of());
            if (finals.isEmpty()) {
                withoutFinalRead.add(key);
            }
            new KeyCheck(key, opsByKey.getOrDefault(key, List.of()), findings).run(finals);
        }
        findings.count("counters", counterKeys.size());
        return verdict(findings, counterKeys.size(), withoutFinalRead);
    }

    private static Set<String> counterKeys(Map<String, List<Operation>> opsByKey,
                                           Map<String, List<FinalRead>> finalsByKey) {
        Set<String> keys = new LinkedHashSet<>();
        opsByKey.forEach((key, ops) -> {
            if (ops.stream().anyMatch(op -> op.function() == KvFunction.INCREMENT)) {
                keys.add(key);
            }
        });
        keys.addAll(finalsByKey.keySet());
        return keys;
    }

    private Verdict verdict(Findings findings, int counters, Set<String> withoutFinalRead) {
        String mode = readsSeeOnlyTheirNodesAcknowledgements ? "local" : "linearizable";
        if (findings.violations() == 0 && !withoutFinalRead.isEmpty()) {
            return findings.unknown("no final read of counter(s) " + withoutFinalRead
                    + ", so lost increments cannot be ruled out; every other bound held");
        }
        return findings.verdict(
                counters + " counter(s): every read (" + mode + " reads), increment result and final read lies"
                        + " between the acknowledged and the attempted increments, and no acknowledged value repeats",
                findings.violations() + " violation(s) of the counter bounds or uniqueness");
    }

    /** The checks of one counter key. */
    private final class KeyCheck {

        private final String key;
        private final Findings findings;
        private final List<Operation> reads;
        private final List<Operation> acknowledged;
        private final IncrementSums acknowledgedByCompletion;
        private final IncrementSums attemptedByInvocation;
        private final Map<String, IncrementSums> acknowledgedByCompletionPerNode;

        KeyCheck(String key, List<Operation> ops, Findings findings) {
            this.key = key;
            this.findings = findings;
            List<Operation> increments = increments(ops);
            this.reads = ops.stream()
                    .filter(op -> op.function() == KvFunction.READ && op.type() == CompletionType.OK)
                    .toList();
            this.acknowledged = increments.stream().filter(op -> op.type() == CompletionType.OK).toList();
            List<Operation> attempted = increments.stream().filter(op -> op.type().mayHaveTakenEffect()).toList();
            this.acknowledgedByCompletion = IncrementSums.byCompletion(acknowledged);
            this.attemptedByInvocation = IncrementSums.byInvocation(attempted);
            this.acknowledgedByCompletionPerNode = acknowledged.stream()
                    .collect(Collectors.groupingBy(Operation::node, Collectors.collectingAndThen(
                            Collectors.toList(), IncrementSums::byCompletion)));
            countIncrements(increments);
        }

        void run(List<FinalRead> finals) {
            reads.forEach(this::checkRead);
            acknowledged.forEach(this::checkIncrementResult);
            checkDistinctResults();
            finals.forEach(this::checkFinalRead);
            findings.count("reads checked", reads.size());
            findings.count("final reads", finals.size());
        }

        private List<Operation> increments(List<Operation> ops) {
            List<Operation> increments = ops.stream().filter(op -> op.function() == KvFunction.INCREMENT).toList();
            for (Operation increment : increments) {
                long delta = deltaOf(increment);
                if (delta < 0) {
                    throw new IllegalArgumentException("the counter checker needs non-negative deltas; "
                            + increment.describe() + " has " + delta);
                }
            }
            return increments;
        }

        private void countIncrements(List<Operation> increments) {
            for (CompletionType type : CompletionType.values()) {
                findings.count("increments " + type.jsonName(),
                        increments.stream().filter(op -> op.type() == type).count());
            }
        }

        private void checkRead(Operation read) {
            if (read.result() != null && !(read.result() instanceof Long)) {
                findings.violation("counter " + key + ": read returned a non-integer: " + read.describe());
                return;
            }
            long value = read.result() == null ? 0 : (Long) read.result();
            long lower = lowerBoundOfRead(read);
            long upper = attemptedByInvocation.atOrBefore(read.completeNanos());
            requireWithin(value, lower, upper, "read", read);
        }

        private long lowerBoundOfRead(Operation read) {
            if (!readsSeeOnlyTheirNodesAcknowledgements) {
                return acknowledgedByCompletion.before(read.invokeNanos());
            }
            IncrementSums ownNode = acknowledgedByCompletionPerNode.get(read.node());
            return ownNode == null ? 0 : ownNode.before(read.invokeNanos());
        }

        private void checkIncrementResult(Operation increment) {
            if (!(increment.result() instanceof Long value)) {
                findings.violation("counter " + key + ": acknowledged increment returned no integer: "
                        + increment.describe());
                return;
            }
            long lower = acknowledgedByCompletion.before(increment.invokeNanos()) + increment.delta();
            long upper = attemptedByInvocation.atOrBefore(increment.completeNanos());
            requireWithin(value, lower, upper, "increment result", increment);
        }

        private void requireWithin(long value, long lower, long upper, String what, Operation op) {
            if (value < lower) {
                findings.violation("counter " + key + ": " + what + " " + value + " is below " + lower
                        + ", the sum of increments acknowledged before it started (lost or unseen increments): "
                        + op.describe());
            } else if (value > upper) {
                findings.violation("counter " + key + ": " + what + " " + value + " is above " + upper
                        + ", the sum of increments attempted before it ended (an increment applied twice, or a"
                        + " phantom): " + op.describe());
            }
        }

        private void checkDistinctResults() {
            Map<Object, Operation> firstByValue = new HashMap<>();
            for (Operation increment : acknowledged) {
                if (increment.delta() <= 0 || increment.result() == null) {
                    continue;
                }
                Operation earlier = firstByValue.putIfAbsent(increment.result(), increment);
                if (earlier != null) {
                    findings.violation("counter " + key + ": two acknowledged increments returned "
                            + increment.result() + ": " + earlier.describe() + " and " + increment.describe());
                }
            }
        }

        private void checkFinalRead(FinalRead read) {
            long acknowledgedTotal = acknowledgedByCompletion.total();
            long attemptedTotal = attemptedByInvocation.total();
            long value = read.valueOrZero();
            if (value < acknowledgedTotal) {
                findings.violation("counter " + key + ": final value " + value + " on " + read.node()
                        + " is below " + acknowledgedTotal + ", the sum of acknowledged increments: "
                        + (acknowledgedTotal - value) + " acknowledged increment(s) lost");
            } else if (value > attemptedTotal) {
                findings.violation("counter " + key + ": final value " + value + " on " + read.node()
                        + " is above " + attemptedTotal + ", the sum of attempted increments");
            }
        }

        private long deltaOf(Operation increment) {
            try {
                return increment.delta();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
