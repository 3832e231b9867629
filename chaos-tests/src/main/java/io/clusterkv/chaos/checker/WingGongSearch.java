package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the operations on one register can be linearized: the Wing and Gong search with Lowe's
 * memoization, as Knossos' {@code wgl} and Porcupine do.
 *
 * <p>The operations become call and return entries in one list sorted by time (a call before a return at the same
 * instant, so touching intervals count as concurrent). The search walks the list: at a call it tries to linearize
 * that operation now (apply it to the model, take it and its return out of the list, restart from the front); at a
 * return whose operation is still in the list, no order tried so far works, so it backtracks to the last choice
 * and tries the next call instead. A configuration (the set of linearized operations and the model's state) that
 * was reached before cannot lead anywhere new, so each is explored once; the cache of configurations is what
 * bounds the work, and the search gives up once it holds {@code maxConfigurations}.
 *
 * <p>Operations of unknown outcome have a call and no return: they may be linearized at any point after their
 * invocation, or never, and the search succeeds once every acknowledged operation is linearized.
 */
final class WingGongSearch {

    enum Outcome { LINEARIZABLE, NOT_LINEARIZABLE, TOO_LARGE }

    /**
     * What the search found. For a history that is not linearizable, the longest linearizable prefix found and
     * the operation that could not follow it in time.
     */
    record Result(Outcome outcome, long configurations, List<Operation> longestPrefix,
                  @Nullable Object stateAfterPrefix, @Nullable Operation blocked) {
    }

    private record Configuration(BitSet linearized, @Nullable Object state) {
    }

    private record Frame(int callEntry, @Nullable Object stateBefore) {
    }

    private final List<Operation> ops;
    private final @Nullable Object initialState;
    private final long maxConfigurations;
    private final int head;
    private final int[] opOfEntry;
    private final boolean[] isCall;
    private final int[] returnOfCall;
    private final int[] next;
    private final int[] prev;

    private List<Operation> longestPrefix = List.of();
    private @Nullable Object stateAfterLongestPrefix;
    private @Nullable Operation blocked;

    /**
     * @param ops operations of one key, each {@link CompletionType#OK} or {@link CompletionType#INFO}; INFO reads
     *            must have been left out, as they constrain nothing
     */
    WingGongSearch(List<Operation> ops, @Nullable Object initialState, long maxConfigurations) {
        this.ops = List.copyOf(ops);
        this.initialState = initialState;
        this.maxConfigurations = maxConfigurations;
        List<int[]> entries = sortedEntries(this.ops);
        int count = entries.size();
        this.head = count;
        this.opOfEntry = new int[count];
        this.isCall = new boolean[count];
        this.returnOfCall = new int[count];
        this.next = new int[count + 1];
        this.prev = new int[count + 1];
        link(entries);
    }

    /** @return the entries as {op index, 1 for a call or 0 for a return}, in time order */
    private static List<int[]> sortedEntries(List<Operation> ops) {
        List<int[]> entries = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            entries.add(new int[] {i, 1});
            if (ops.get(i).type() == CompletionType.OK) {
                entries.add(new int[] {i, 0});
            }
        }
        entries.sort(Comparator
                .comparingLong((int[] e) -> e[1] == 1 ? ops.get(e[0]).invokeNanos() : ops.get(e[0]).completeNanos())
                .thenComparing(e -> -e[1])
                .thenComparingInt(e -> e[0]));
        return entries;
    }

    private void link(List<int[]> entries) {
        int[] callOfOp = new int[ops.size()];
        Arrays.fill(returnOfCall, -1);
        int previous = head;
        for (int i = 0; i < entries.size(); i++) {
            int[] entry = entries.get(i);
            opOfEntry[i] = entry[0];
            isCall[i] = entry[1] == 1;
            if (isCall[i]) {
                callOfOp[entry[0]] = i;
            } else {
                returnOfCall[callOfOp[entry[0]]] = i;
            }
            next[previous] = i;
            prev[i] = previous;
            previous = i;
        }
        next[previous] = -1;
    }

    Result run() {
        Set<Configuration> seen = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        BitSet linearized = new BitSet(ops.size());
        Object state = initialState;
        int unlinearizedOk = (int) ops.stream().filter(op -> op.type() == CompletionType.OK).count();
        int entry = next[head];
        while (unlinearizedOk > 0) {
            if (isCall[entry]) {
                int op = opOfEntry[entry];
                Object after = RegisterModel.step(state, ops.get(op));
                if (after != RegisterModel.ILLEGAL && firstVisit(seen, linearized, op, after)) {
                    if (seen.size() > maxConfigurations) {
                        return result(Outcome.TOO_LARGE, seen);
                    }
                    stack.push(new Frame(entry, state));
                    state = after;
                    lift(entry);
                    unlinearizedOk -= isAcknowledged(op) ? 1 : 0;
                    entry = next[head];
                } else {
                    entry = next[entry];
                }
            } else {
                noteDeadEnd(stack, state, opOfEntry[entry]);
                if (stack.isEmpty()) {
                    return result(Outcome.NOT_LINEARIZABLE, seen);
                }
                Frame frame = stack.pop();
                int op = opOfEntry[frame.callEntry()];
                linearized.clear(op);
                state = frame.stateBefore();
                unlift(frame.callEntry());
                unlinearizedOk += isAcknowledged(op) ? 1 : 0;
                entry = next[frame.callEntry()];
            }
        }
        return result(Outcome.LINEARIZABLE, seen);
    }

    // Leaves the bit set when the configuration is new: the caller then linearizes the operation.
    private static boolean firstVisit(Set<Configuration> seen, BitSet linearized, int op, @Nullable Object state) {
        linearized.set(op);
        if (seen.add(new Configuration((BitSet) linearized.clone(), state))) {
            return true;
        }
        linearized.clear(op);
        return false;
    }

    private boolean isAcknowledged(int op) {
        return ops.get(op).type() == CompletionType.OK;
    }

    /** Takes a call entry and its return out of the list; their neighbours keep pointing at them for unlift. */
    private void lift(int call) {
        next[prev[call]] = next[call];
        if (next[call] != -1) {
            prev[next[call]] = prev[call];
        }
        int ret = returnOfCall[call];
        if (ret != -1) {
            next[prev[ret]] = next[ret];
            if (next[ret] != -1) {
                prev[next[ret]] = prev[ret];
            }
        }
    }

    /** Puts back what {@link #lift} took out; lifts are undone in reverse order, so the pointers are still valid. */
    private void unlift(int call) {
        int ret = returnOfCall[call];
        if (ret != -1) {
            next[prev[ret]] = ret;
            if (next[ret] != -1) {
                prev[next[ret]] = ret;
            }
        }
        next[prev[call]] = call;
        if (next[call] != -1) {
            prev[next[call]] = call;
        }
    }

    private void noteDeadEnd(Deque<Frame> stack, @Nullable Object state, int blockedOp) {
        if (blocked != null && stack.size() <= longestPrefix.size()) {
            return;
        }
        List<Operation> prefix = new ArrayList<>(stack.size());
        stack.descendingIterator().forEachRemaining(frame -> prefix.add(ops.get(opOfEntry[frame.callEntry()])));
        longestPrefix = List.copyOf(prefix);
        stateAfterLongestPrefix = state;
        blocked = ops.get(blockedOp);
    }

    private Result result(Outcome outcome, Set<Configuration> seen) {
        return new Result(outcome, seen.size(), longestPrefix, stateAfterLongestPrefix, blocked);
    }
}
