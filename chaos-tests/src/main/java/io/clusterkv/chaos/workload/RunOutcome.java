package io.clusterkv.chaos.workload;

import io.clusterkv.chaos.history.History;
import java.util.List;
import java.util.Objects;

/**
 * What a workload's checkers get once a run is over: the run's whole history, the nodes of the converged cluster,
 * and a way to read final values from each.
 *
 * @param history every operation of the run, of every workload
 * @param nodes   the nodes of the cluster at the end of the run
 * @param reader  linearizable reads of final values
 */
public record RunOutcome(History history, List<String> nodes, FinalReader reader) {

    /** @throws NullPointerException if a component is null */
    public RunOutcome {
        Objects.requireNonNull(history, "history cannot be null");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(reader, "final reader cannot be null");
    }

    /** @return the operations whose every key starts with {@code prefix}: one workload's part of the history */
    public History operationsOn(String prefix) {
        return new History(history.operations().stream()
                .filter(op -> op.keys().stream().allMatch(key -> key.startsWith(prefix)))
                .toList());
    }
}
