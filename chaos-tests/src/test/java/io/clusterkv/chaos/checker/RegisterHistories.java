package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Generates register histories that are linearizable by construction: every operation takes effect at a random
 * instant inside its interval (a write of unknown outcome: at any instant after its invocation, or never), and
 * reads return the value of the last write before that instant.
 */
final class RegisterHistories {

    private RegisterHistories() {
    }

    private static final class Draft {
        final int process;
        final boolean write;
        final long invoke;
        final long complete;
        final long effect;
        final CompletionType type;
        @Nullable Object value;

        Draft(int process, boolean write, long invoke, long complete, long effect, CompletionType type) {
            this.process = process;
            this.write = write;
            this.invoke = invoke;
            this.complete = complete;
            this.effect = effect;
            this.type = type;
        }
    }

    static History linearizable(long seed, int processes, int operations) {
        Random random = new Random(seed);
        List<Draft> drafts = new ArrayList<>();
        long[] clock = new long[processes];
        for (int i = 0; i < operations; i++) {
            int process = random.nextInt(processes);
            drafts.add(draft(random, process, clock));
        }
        assignValues(drafts);
        drafts.sort(Comparator.comparingLong(d -> d.invoke));
        List<Operation> ops = new ArrayList<>();
        for (Draft d : drafts) {
            ops.add(new Operation(ops.size(), d.process, "n" + (d.process % 3 + 1),
                    d.write ? KvFunction.WRITE : KvFunction.READ, List.of("x"), d.write ? d.value : null, d.type,
                    d.write || d.type != CompletionType.OK ? null : d.value,
                    d.type == CompletionType.OK ? null : "timeout", d.invoke, d.complete));
        }
        return new History(ops);
    }

    private static Draft draft(Random random, int process, long[] clock) {
        long invoke = clock[process] + random.nextInt(5_000_000);
        long complete = invoke + 1 + random.nextInt(20_000_000);
        clock[process] = complete;
        boolean write = random.nextBoolean();
        boolean unknown = random.nextInt(25) == 0;
        long effect = invoke + (long) (random.nextDouble() * (complete - invoke));
        if (unknown && write) {
            // applied late (after the client gave up), or never
            effect = random.nextBoolean() ? complete + random.nextInt(50_000_000) : Long.MAX_VALUE;
        }
        return new Draft(process, write, invoke, complete, effect, unknown ? CompletionType.INFO : CompletionType.OK);
    }

    private static void assignValues(List<Draft> drafts) {
        List<Draft> byEffect = new ArrayList<>(drafts);
        byEffect.sort(Comparator.comparingLong(d -> d.effect));
        Object register = null;
        long nextValue = 1;
        for (Draft d : byEffect) {
            if (d.write) {
                d.value = nextValue++;
                if (d.effect != Long.MAX_VALUE) {
                    register = d.value;
                }
            } else {
                d.value = register;
            }
        }
    }

    /**
     * Makes the last read that can be made stale return the value of an acknowledged write that another
     * acknowledged write followed in real time, both before the read began: no linearization allows it.
     */
    static History withOneStaleRead(History history) {
        List<Operation> ops = new ArrayList<>(history.operations());
        for (int r = ops.size() - 1; r >= 0; r--) {
            Operation read = ops.get(r);
            if (read.function() != KvFunction.READ || read.type() != CompletionType.OK) {
                continue;
            }
            Operation replaced = replacedWriteBefore(ops, read);
            if (replaced != null) {
                ops.set(r, new Operation(read.id(), read.process(), read.node(), read.function(), read.keys(),
                        null, CompletionType.OK, replaced.writtenValue(), null, read.invokeNanos(),
                        read.completeNanos()));
                return new History(ops);
            }
        }
        throw new IllegalStateException("no read can be made stale");
    }

    private static @Nullable Operation replacedWriteBefore(List<Operation> ops, Operation read) {
        for (Operation first : ops) {
            if (!isAcknowledgedWrite(first) || first.completeNanos() >= read.invokeNanos()) {
                continue;
            }
            for (Operation second : ops) {
                if (isAcknowledgedWrite(second) && second.invokeNanos() > first.completeNanos()
                        && second.completeNanos() < read.invokeNanos()) {
                    return first;
                }
            }
        }
        return null;
    }

    private static boolean isAcknowledgedWrite(Operation op) {
        return op.function() == KvFunction.WRITE && op.type() == CompletionType.OK;
    }
}
