package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Generates counter histories that are correct by construction: each increment and read takes effect at a random
 * instant inside its interval (an increment of unknown outcome: at any instant after its invocation, or never),
 * increments return the counter after their own, reads the counter at that instant.
 */
final class CounterHistories {

    /** A generated history and the counter's value once every operation that took effect did. */
    record Generated(History history, long finalValue) {
    }

    private record Draft(int process, boolean increment, long invoke, long complete, long effect,
                         CompletionType type) {
    }

    private CounterHistories() {
    }

    static Generated correct(long seed, int processes, int operations) {
        Random random = new Random(seed);
        long[] clock = new long[processes];
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
            drafts.add(draft(random, random.nextInt(processes), clock));
        }
        List<Draft> byEffect = new ArrayList<>(drafts);
        byEffect.sort(Comparator.comparingLong(Draft::effect));
        List<Operation> ops = new ArrayList<>();
        long counter = 0;
        for (Draft d : byEffect) {
            if (d.increment() && d.effect() != Long.MAX_VALUE) {
                counter++;
            }
            ops.add(toOperation(d, counter));
        }
        ops.sort(Comparator.comparingLong(Operation::invokeNanos));
        List<Operation> numbered = new ArrayList<>();
        for (Operation op : ops) {
            numbered.add(new Operation(numbered.size(), op.process(), op.node(), op.function(), op.keys(),
                    op.argument(), op.type(), op.result(), op.error(), op.invokeNanos(), op.completeNanos()));
        }
        return new Generated(new History(numbered), counter);
    }

    private static Draft draft(Random random, int process, long[] clock) {
        long invoke = clock[process] + random.nextInt(3_000_000);
        long complete = invoke + 1 + random.nextInt(15_000_000);
        clock[process] = complete;
        boolean increment = random.nextInt(3) > 0;
        CompletionType type = switch (random.nextInt(20)) {
            case 0 -> CompletionType.INFO;
            case 1 -> CompletionType.FAIL;
            default -> CompletionType.OK;
        };
        long effect = invoke + (long) (random.nextDouble() * (complete - invoke));
        if (type == CompletionType.FAIL || (type == CompletionType.INFO && random.nextBoolean())) {
            effect = Long.MAX_VALUE;
        } else if (type == CompletionType.INFO) {
            effect = complete + random.nextInt(40_000_000);
        }
        return new Draft(process, increment, invoke, complete, effect, type);
    }

    private static Operation toOperation(Draft d, long counter) {
        boolean ok = d.type() == CompletionType.OK;
        return new Operation(0, d.process(), "n" + (d.process() % 3 + 1),
                d.increment() ? KvFunction.INCREMENT : KvFunction.READ, List.of("c"), d.increment() ? 1L : null,
                d.type(), ok ? counter : null, ok ? null : (d.type() == CompletionType.FAIL ? "no quorum" : "timeout"),
                d.invoke(), d.complete());
    }
}
