package io.clusterkv.chaos.report;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.FaultTimeline;
import io.clusterkv.chaos.history.FaultWindow;
import io.clusterkv.chaos.history.History;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A made-up 30-second run of 12 clients on 3 nodes with the faults a chaos schedule injects, shaped like a real
 * one (fast acknowledgements, rejections on a minority, timeouts on a paused node), to render example reports.
 */
final class SimulatedRun {

    static final long SECOND = 1_000_000_000L;
    static final long MILLI = 1_000_000L;

    static final FaultTimeline FAULTS = new FaultTimeline(List.of(
            new FaultWindow("kill -9 n3", "SIGKILL of the coordinator n3, restarted after 3 s", 4 * SECOND,
                    7 * SECOND, false),
            new FaultWindow("partition {n1} | {n2,n3}", "veth links of n1 down", 11 * SECOND, 18 * SECOND, false),
            new FaultWindow("pause n2", "SIGSTOP n2 for 4 s, longer than failure detection", 22 * SECOND,
                    26 * SECOND, false),
            new FaultWindow("leave n3", "graceful leave under load", 28 * SECOND, 28 * SECOND, false)));

    private SimulatedRun() {
    }

    /** A simulated run: its history and each counter's value at the end. */
    record Run(History history, Map<String, Long> finalValues) {
    }

    /** An operation before its counter value is known, and the instant it takes effect (never: MAX_VALUE). */
    private record Draft(int client, String node, boolean increment, String key, long invoke, long complete,
                         long effect, CompletionType type, @Nullable String error) {
    }

    static Run run(long seed) {
        Random random = new Random(seed);
        List<Draft> drafts = new ArrayList<>();
        for (int client = 0; client < 12; client++) {
            String node = "n" + (client % 3 + 1);
            long now = random.nextInt(20) * MILLI;
            while (now < 30 * SECOND) {
                Draft draft = draft(random, client, node, now);
                drafts.add(draft);
                now = draft.complete() + (5 + random.nextInt(20)) * MILLI;
            }
        }
        return withCounterValues(drafts);
    }

    // Applies the operations in the order they take effect, so every read and increment result is correct.
    private static Run withCounterValues(List<Draft> drafts) {
        List<Draft> byEffect = new ArrayList<>(drafts);
        byEffect.sort(Comparator.comparingLong(Draft::effect));
        Map<String, Long> counters = new TreeMap<>();
        List<Operation> ops = new ArrayList<>();
        for (Draft d : byEffect) {
            if (d.increment() && d.effect() != Long.MAX_VALUE) {
                counters.merge(d.key(), 1L, Long::sum);
            }
            Object result = d.type() == CompletionType.OK ? counters.getOrDefault(d.key(), 0L) : null;
            ops.add(new Operation(0, d.client(), d.node(), d.increment() ? KvFunction.INCREMENT : KvFunction.READ,
                    List.of(d.key()), d.increment() ? 1L : null, d.type(), result, d.error(), d.invoke(),
                    d.complete()));
        }
        ops.sort(Comparator.comparingLong(Operation::invokeNanos));
        List<Operation> numbered = new ArrayList<>();
        for (Operation op : ops) {
            numbered.add(new Operation(numbered.size(), op.process(), op.node(), op.function(), op.keys(),
                    op.argument(), op.type(), op.result(), op.error(), op.invokeNanos(), op.completeNanos()));
        }
        return new Run(new History(numbered), counters);
    }

    private static Draft draft(Random random, int client, String node, long invoke) {
        boolean increment = random.nextBoolean();
        String key = "counter-" + random.nextInt(4);
        long latency = (long) ((0.4 + random.nextDouble() * 2.5 + Math.pow(random.nextDouble(), 20) * 40) * MILLI);
        if (during(invoke, 4, 7) && node.equals("n3")) {
            return new Draft(client, node, increment, key, invoke, invoke + MILLI / 2, Long.MAX_VALUE,
                    CompletionType.INFO, "connection refused");
        }
        if (during(invoke, 11, 18) && node.equals("n1") && increment) {
            return new Draft(client, node, true, key, invoke, invoke + MILLI / 5, Long.MAX_VALUE,
                    CompletionType.FAIL, "CLUSTERDOWN no quorum");
        }
        if (during(invoke, 22, 26) && node.equals("n2")) {
            // the paused node applies some of its writes when it comes back, after the client gave up
            long effect = random.nextBoolean() ? 26 * SECOND + random.nextInt(500) * MILLI : Long.MAX_VALUE;
            return new Draft(client, node, increment, key, invoke, invoke + SECOND, effect, CompletionType.INFO,
                    "timeout after 1 s");
        }
        if (during(invoke, 4, 5) || (during(invoke, 11, 12) && increment)) {
            latency += (200 + random.nextInt(700)) * MILLI;   // a new coordinator takes over
        }
        long effect = invoke + (long) (random.nextDouble() * latency);
        return new Draft(client, node, increment, key, invoke, invoke + latency, effect, CompletionType.OK, null);
    }

    private static boolean during(long nanos, int fromSecond, int toSecond) {
        return nanos >= fromSecond * SECOND && nanos < toSecond * SECOND;
    }
}
