package io.clusterkv.chaos.history;

import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time of one chaos run: nanoseconds since the run started, read from an injected monotonic source so that
 * tests drive it by hand (as Caffeine's {@code Ticker}). Every timestamp of a {@link History} and of a
 * {@link FaultTimeline} of the same run comes from the same clock, so operations and faults line up.
 */
public final class RunClock {

    private final LongSupplier nanoTime;
    private final long origin;

    /**
     * @param nanoTime a monotonic nanosecond source, such as {@code System::nanoTime}; the run starts at its
     *                 current reading
     * @throws NullPointerException if {@code nanoTime} is null
     */
    public RunClock(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nano time source cannot be null");
        this.origin = nanoTime.getAsLong();
    }

    /** @return a clock on {@link System#nanoTime()} whose run starts now */
    public static RunClock startingNow() {
        return new RunClock(System::nanoTime);
    }

    /** @return nanoseconds elapsed since the run started */
    public long nanosSinceStart() {
        return nanoTime.getAsLong() - origin;
    }

    /**
     * Formats a run time for people: {@code 12.345 s}.
     *
     * @param nanos nanoseconds since the start of the run
     * @return the time in seconds with millisecond precision
     */
    public static String format(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
