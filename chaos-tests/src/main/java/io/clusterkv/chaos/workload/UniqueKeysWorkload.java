package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.PendingOperation;
import java.util.List;

/**
 * Keys written once each: {@code SET} over RESP or {@code PUT} over HTTP of a new key whose value is its own name.
 * Nothing ever replaces or removes them, so every acknowledged one must be in the final state of the primary side:
 * the run's lost-write checker ({@code no-lost-writes}, over every write of the run) looks them all up in the final
 * dump. This workload adds no checker of its own.
 */
public final class UniqueKeysWorkload extends NamedWorkload {
    private static final String PREFIX = "unique:";
    private static final double RESP_SHARE = 0.5;


    /**
     * @param clientsPerNode how many clients each node gets
     * @throws IllegalArgumentException if it is not positive
     */
    public UniqueKeysWorkload(int clientsPerNode) {
        super("unique-keys", PREFIX, clientsPerNode);
    }

    @Override
    public void step(ClientSession session) {
        boolean overResp = session.random().nextDouble() < RESP_SHARE;
        RespClient resp = overResp ? session.resp() : null;
        if (overResp && resp == null) {
            return;
        }
        String value = session.uniqueValue("u");
        String key = PREFIX + value;
        PendingOperation op = session.history().write(session.process(), session.node(), key, value);
        session.perform(op, () -> {
            if (resp != null) {
                resp.set(key, value);
            } else {
                session.http().put(session.address(), key, value);
            }
            return null;
        });
    }

    @Override
    public List<Verdict> check(RunOutcome outcome) {
        return List.of();
    }

    @Override
    public String toString() {
        return name() + " (a new key per write, SET over RESP or PUT over HTTP; " + clientsPerNode()
                + " client(s) per node)";
    }
}
