package io.clusterkv.chaos.checker;

import io.clusterkv.chaos.history.Operation;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.ToLongFunction;

/**
 * The sum of the deltas of a set of increments that happened before a given time, answered by binary search over
 * the increments sorted by one of their timestamps, so checking n reads against m increments costs
 * O((n + m) log m) instead of O(n m).
 */
final class IncrementSums {

    private final long[] times;
    private final long[] prefixSums;

    private IncrementSums(long[] times, long[] prefixSums) {
        this.times = times;
        this.prefixSums = prefixSums;
    }

    /** Indexes increments by completion: "how much had surely been added before t?" */
    static IncrementSums byCompletion(Collection<Operation> increments) {
        return of(increments, Operation::completeNanos);
    }

    /** Indexes increments by invocation: "how much could have been added by t?" */
    static IncrementSums byInvocation(Collection<Operation> increments) {
        return of(increments, Operation::invokeNanos);
    }

    private static IncrementSums of(Collection<Operation> increments, ToLongFunction<Operation> time) {
        Operation[] sorted = increments.stream()
                .sorted((a, b) -> Long.compare(time.applyAsLong(a), time.applyAsLong(b)))
                .toArray(Operation[]::new);
        long[] times = new long[sorted.length];
        long[] prefixSums = new long[sorted.length + 1];
        for (int i = 0; i < sorted.length; i++) {
            times[i] = time.applyAsLong(sorted[i]);
            prefixSums[i + 1] = Math.addExact(prefixSums[i], sorted[i].delta());
        }
        return new IncrementSums(times, prefixSums);
    }

    /** @return the sum of the deltas whose time is strictly before {@code nanos} */
    long before(long nanos) {
        return prefixSums[countBelow(nanos)];
    }

    /** @return the sum of the deltas whose time is at or before {@code nanos} */
    long atOrBefore(long nanos) {
        return nanos == Long.MAX_VALUE ? total() : before(nanos + 1);
    }

    long total() {
        return prefixSums[times.length];
    }

    private int countBelow(long nanos) {
        int index = Arrays.binarySearch(times, nanos);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && times[index - 1] == nanos) {
            index--;
        }
        return index;
    }
}
