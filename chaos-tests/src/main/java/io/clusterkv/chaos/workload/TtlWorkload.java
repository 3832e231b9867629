package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.checker.TtlChecker;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.PendingOperation;
import java.time.Duration;
import java.util.List;

/**
 * Keys with a time to live: unique values written with {@code SET key value PX ttl}, deadlines moved with
 * {@code PEXPIRE}, and {@code GET}s of the local replica; the TTL checker then finds any read that saw a value after
 * it must have expired.
 *
 * <p>Local reads are fine here because expiry is deterministic (docs/design/replication.md): a replica hides a
 * key at its deadline whatever it has or has not applied since. For that to hold of a lagging replica too, an
 * expire only ever extends a deadline: {@code PEXPIRE} times ({@value #MIN_EXPIRE_MILLIS} ms and more) are longer
 * than any {@code SET} time to live, so a replica that has not applied an expire yet hides the key earlier than it
 * should, never later.
 */
public final class TtlWorkload extends NamedWorkload {
    private static final String PREFIX = "ttl:";
    private static final double SET_SHARE = 0.35;
    private static final double EXPIRE_SHARE = 0.5;
    private static final int MIN_SET_MILLIS = 500;
    private static final int MAX_SET_MILLIS = 2_500;
    private static final int MIN_EXPIRE_MILLIS = 3_000;
    private static final int MAX_EXPIRE_MILLIS = 5_000;
    /** Deadlines are kept in milliseconds, and the run's clock is not the nodes' clock: a little slack. */
    private static final Duration TOLERANCE = Duration.ofMillis(100);

    private final int keys;

    /**
     * @param keys           how many keys
     * @param clientsPerNode how many clients each node gets
     * @throws IllegalArgumentException if either is not positive
     */
    public TtlWorkload(int keys, int clientsPerNode) {
        super("ttl", PREFIX, clientsPerNode);
        this.keys = Workloads.requirePositive(keys, "keys");
    }

    @Override
    public void step(ClientSession session) {
        RespClient resp = session.resp();
        if (resp == null) {
            return;
        }
        String key = PREFIX + session.random().nextInt(keys);
        double choice = session.random().nextDouble();
        if (choice < SET_SHARE) {
            String value = session.uniqueValue("t");
            Duration ttl = millisBetween(session, MIN_SET_MILLIS, MAX_SET_MILLIS);
            PendingOperation op = session.history().setTtl(session.process(), session.node(), key, value, ttl);
            session.perform(op, () -> {
                resp.setWithTtl(key, value, ttl);
                return null;
            });
        } else if (choice < EXPIRE_SHARE) {
            Duration ttl = millisBetween(session, MIN_EXPIRE_MILLIS, MAX_EXPIRE_MILLIS);
            PendingOperation op = session.history().expire(session.process(), session.node(), key, ttl);
            session.perform(op, () -> resp.expire(key, ttl));
        } else {
            PendingOperation op = session.history().read(session.process(), session.node(), key);
            session.perform(op, () -> resp.get(key));
        }
    }

    private static Duration millisBetween(ClientSession session, int min, int max) {
        return Duration.ofMillis(min + session.random().nextInt(max - min + 1));
    }

    @Override
    public List<Verdict> check(RunOutcome outcome) {
        return List.of(new TtlChecker(TOLERANCE).check(outcome.operationsOn(PREFIX)));
    }

    @Override
    public String toString() {
        return name() + " (" + keys + " keys, SET PX " + MIN_SET_MILLIS + "-" + MAX_SET_MILLIS + " ms, PEXPIRE "
                + MIN_EXPIRE_MILLIS + "-" + MAX_EXPIRE_MILLIS + " ms, local GET over RESP; " + clientsPerNode()
                + " client(s) per node)";
    }
}
