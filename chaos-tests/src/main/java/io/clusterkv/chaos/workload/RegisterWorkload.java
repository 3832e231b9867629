package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.checker.LinearizabilityChecker;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.PendingOperation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registers: unique values written with {@code SET} over RESP or {@code PUT /kv/{key}} over HTTP, and read with
 * {@code GET /kv/{key}?linearizable}, which is ordered with the writes (a plain read of the local replica may
 * rightly be stale on another node, and would fail the checker). Every client works on the same key until the
 * workload has invoked {@code opsPerKey} operations on it, then all move to the next: the linearizability checker's
 * search is exponential in the operations that overlap, so each key's history is kept to a few hundred operations.
 */
public final class RegisterWorkload extends NamedWorkload {
    private static final String PREFIX = "register:";
    private static final double READ_SHARE = 0.5;
    private static final double RESP_WRITE_SHARE = 0.75;

    private final int opsPerKey;
    private final AtomicLong invoked = new AtomicLong();

    /**
     * @param opsPerKey      how many operations each key gets before the clients move to the next
     * @param clientsPerNode how many clients each node gets
     * @throws IllegalArgumentException if either is not positive
     */
    public RegisterWorkload(int opsPerKey, int clientsPerNode) {
        super("registers", PREFIX, clientsPerNode);
        this.opsPerKey = Workloads.requirePositive(opsPerKey, "opsPerKey");
    }

    @Override
    public void step(ClientSession session) {
        String key = PREFIX + invoked.getAndIncrement() / opsPerKey;
        double choice = session.random().nextDouble();
        if (choice < READ_SHARE) {
            PendingOperation op = session.history().read(session.process(), session.node(), key);
            session.perform(op, () -> session.http().getLinearizable(session.address(), key));
        } else if (choice < RESP_WRITE_SHARE) {
            RespClient resp = session.resp();
            if (resp == null) {
                return;
            }
            String value = session.uniqueValue("v");
            PendingOperation op = session.history().write(session.process(), session.node(), key, value);
            session.perform(op, () -> {
                resp.set(key, value);
                return null;
            });
        } else {
            String value = session.uniqueValue("v");
            PendingOperation op = session.history().write(session.process(), session.node(), key, value);
            session.perform(op, () -> {
                session.http().put(session.address(), key, value);
                return null;
            });
        }
    }

    @Override
    public List<Verdict> check(RunOutcome outcome) {
        return List.of(new LinearizabilityChecker().check(outcome.operationsOn(PREFIX)));
    }

    @Override
    public String toString() {
        return name() + " (" + opsPerKey + " operations per key; SET over RESP, PUT and linearizable GET over HTTP; "
                + clientsPerNode() + " client(s) per node)";
    }
}
