package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.checker.CounterChecker;
import io.clusterkv.chaos.checker.FinalRead;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.PendingOperation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Counters: {@code INCR} of a few keys over RESP from clients on every node, mixed with {@code GET}s of the local
 * replica. After the run every counter is read on every node through the ordered stream, and Jepsen's counter
 * checker ({@link CounterChecker#localReads()}, since the reads during the run are local) judges the history:
 * every value lies between the acknowledged and the attempted increments, and no two acknowledged increments
 * returned the same value.
 */
public final class CounterWorkload extends NamedWorkload {
    private static final String PREFIX = "counter:";
    private static final double INCREMENT_SHARE = 0.75;

    private final int keys;

    /**
     * @param keys           how many counters
     * @param clientsPerNode how many clients each node gets
     * @throws IllegalArgumentException if either is not positive
     */
    public CounterWorkload(int keys, int clientsPerNode) {
        super("counters", PREFIX, clientsPerNode);
        this.keys = Workloads.requirePositive(keys, "keys");
    }

    @Override
    public void step(ClientSession session) {
        RespClient resp = session.resp();
        if (resp == null) {
            return;
        }
        String key = PREFIX + session.random().nextInt(keys);
        if (session.random().nextDouble() < INCREMENT_SHARE) {
            PendingOperation op = session.history().increment(session.process(), session.node(), key, 1);
            session.perform(op, () -> resp.incr(key));
        } else {
            PendingOperation op = session.history().read(session.process(), session.node(), key);
            session.perform(op, () -> parse(resp.get(key)));
        }
    }

    @Override
    public List<Verdict> check(RunOutcome outcome) {
        List<FinalRead> finalReads = new ArrayList<>();
        for (String node : outcome.nodes()) {
            for (int i = 0; i < keys; i++) {
                String key = PREFIX + i;
                finalReads.add(new FinalRead(node, key, parse(outcome.reader().read(node, key))));
            }
        }
        return List.of(CounterChecker.localReads().check(outcome.operationsOn(PREFIX), finalReads));
    }

    private static @Nullable Long parse(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Long number ? number : Long.valueOf(value.toString());
    }

    @Override
    public String toString() {
        return name() + " (" + keys + " keys, INCR and local GET over RESP, " + clientsPerNode() + " client(s) per node)";
    }
}
