package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.checker.MsetAtomicityChecker;
import io.clusterkv.chaos.checker.Verdict;
import io.clusterkv.chaos.history.PendingOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups of keys written together: {@code MSET} of every key of a group with one new generation value, and
 * {@code MGET} of the whole group over RESP. An {@code MGET} reads the node's own replica at one instant, so even a
 * stale replica must show a group whole, of one generation an {@code MSET} that may have taken effect wrote; the
 * mset atomicity checker finds any that does not.
 */
public final class MsetWorkload extends NamedWorkload {
    private static final String PREFIX = "group:";
    private static final double MSET_SHARE = 0.5;

    private final List<List<String>> groups;

    /**
     * @param groups         how many groups
     * @param groupSize      how many keys in each group
     * @param clientsPerNode how many clients each node gets
     * @throws IllegalArgumentException if any is not positive
     */
    public MsetWorkload(int groups, int groupSize, int clientsPerNode) {
        super("mset", PREFIX, clientsPerNode);
        Workloads.requirePositive(groups, "groups");
        Workloads.requirePositive(groupSize, "groupSize");
        List<List<String>> keys = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<String> group = new ArrayList<>();
            for (int k = 0; k < groupSize; k++) {
                group.add(PREFIX + g + ":" + k);
            }
            keys.add(List.copyOf(group));
        }
        this.groups = List.copyOf(keys);
    }

    @Override
    public void step(ClientSession session) {
        RespClient resp = session.resp();
        if (resp == null) {
            return;
        }
        List<String> group = groups.get(session.random().nextInt(groups.size()));
        if (session.random().nextDouble() < MSET_SHARE) {
            String generation = session.uniqueValue("g");
            Map<String, String> values = new LinkedHashMap<>();
            group.forEach(key -> values.put(key, generation));
            PendingOperation op = session.history().mset(session.process(), session.node(), values);
            session.perform(op, () -> {
                resp.mset(values);
                return null;
            });
        } else {
            PendingOperation op = session.history().mget(session.process(), session.node(), group);
            session.perform(op, () -> resp.mget(group));
        }
    }

    @Override
    public List<Verdict> check(RunOutcome outcome) {
        return List.of(new MsetAtomicityChecker().check(outcome.operationsOn(PREFIX)));
    }

    @Override
    public String toString() {
        return name() + " (" + groups.size() + " groups of " + groups.get(0).size() + " keys, MSET and local MGET over"
                + " RESP; " + clientsPerNode() + " client(s) per node)";
    }
}
