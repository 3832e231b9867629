package io.clusterkv.chaos.report;

import org.jspecify.annotations.Nullable;

/** Nearest-rank quantiles of sorted nanosecond latencies. */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * @param sortedNanos latencies in ascending order
     * @param quantile    between 0 and 1
     * @return the quantile in milliseconds, or {@code null} for no latencies
     */
    static @Nullable Double millis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return null;
        }
        return nanos(sortedNanos, quantile) / 1e6;
    }

    /** @return the nearest-rank quantile of a non-empty array in ascending order */
    static long nanos(long[] sortedNanos, double quantile) {
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))];
    }
}
