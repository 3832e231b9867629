package io.clusterkv.chaos.report;

import io.clusterkv.chaos.history.CompletionType;
import io.clusterkv.chaos.history.KvFunction;
import io.clusterkv.chaos.history.Operation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the operations of one function (or of all, {@link #ALL}) fared in a run: how many were attempted, and
 * acknowledged, failed or of unknown outcome, and the latency of the acknowledged ones.
 *
 * @param function     the function's name, or {@link #ALL}
 * @param attempted    operations invoked
 * @param ok           acknowledged
 * @param fail         definitely not applied
 * @param info         of unknown outcome (including those never completed)
 * @param p50LatencyMs median latency of the acknowledged operations; {@code null} if none was acknowledged
 * @param p99LatencyMs 99th percentile latency of the acknowledged operations; {@code null} if none was
 * @param maxLatencyMs highest latency of the acknowledged operations; {@code null} if none was
 */
public record OperationStats(String function, long attempted, long ok, long fail, long info,
                             @Nullable Double p50LatencyMs, @Nullable Double p99LatencyMs,
                             @Nullable Double maxLatencyMs) {

    /** The name of the row that sums every function. */
    public static final String ALL = "all";

    /** @throws NullPointerException if the function name is null */
    public OperationStats {
        Objects.requireNonNull(function, "function name cannot be null");
    }

    /**
     * @return one row per function that occurs, in {@link KvFunction} order, then the {@link #ALL} row
     */
    public static List<OperationStats> of(List<Operation> operations) {
        Map<KvFunction, List<Operation>> byFunction = new EnumMap<>(KvFunction.class);
        operations.forEach(op -> byFunction.computeIfAbsent(op.function(), f -> new ArrayList<>()).add(op));
        List<OperationStats> rows = new ArrayList<>();
        byFunction.forEach((function, ops) -> rows.add(summarize(function.jsonName(), ops)));
        rows.add(summarize(ALL, operations));
        return List.copyOf(rows);
    }

    private static OperationStats summarize(String function, List<Operation> ops) {
        long[] latencies = ops.stream()
                .filter(op -> op.type() == CompletionType.OK)
                .mapToLong(Operation::latencyNanos)
                .sorted()
                .toArray();
        return new OperationStats(function, ops.size(), count(ops, CompletionType.OK),
                count(ops, CompletionType.FAIL), count(ops, CompletionType.INFO),
                Quantiles.millis(latencies, 0.50), Quantiles.millis(latencies, 0.99), Quantiles.millis(latencies, 1.0));
    }

    private static long count(List<Operation> ops, CompletionType type) {
        return ops.stream().filter(op -> op.type() == type).count();
    }
}
