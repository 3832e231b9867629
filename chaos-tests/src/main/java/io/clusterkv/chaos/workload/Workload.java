package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.checker.Verdict;
import java.util.List;

/**
 * A kind of client activity in a chaos run, with its own keys and its own checkers. Its clients are threads, a
 * given number per node, that call {@link #step} over and over until the run stops; each step invokes one
 * operation, records it in the run's history and completes it. After the run, {@link #check} judges the
 * workload's own operations (those on its keys). Implementations are thread-safe: all of a workload's clients
 * share it.
 */
public interface Workload {

    /** @return a short name for reports, e.g. {@code counters} */
    String name();

    /** @return how many clients each node gets */
    int clientsPerNode();

    /** @return the prefix of every key this workload touches, e.g. {@code counter:} */
    String keyPrefix();

    /**
     * Invokes, performs and records one operation. A failure to reach the node is not an operation: the step
     * returns without recording anything ({@link ClientSession#resp()} returns null then).
     *
     * @param session the calling client's state
     */
    void step(ClientSession session);

    /**
     * Checks the workload's operations once the run is over: faults healed, clients stopped, replicas converged.
     *
     * @param outcome the run's history and the means of reading its final state
     * @return one verdict per checker this workload uses
     */
    List<Verdict> check(RunOutcome outcome);
}
