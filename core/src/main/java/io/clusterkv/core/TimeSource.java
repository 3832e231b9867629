package io.clusterkv.core;

/**
 * The only way a store reads the time, so TTL behaviour can be tested by advancing a manual clock instead of
 * sleeping (the idea of Caffeine's {@code Ticker}). Deadlines are absolute wall-clock milliseconds because a
 * replicated store compares them across machines.
 */
@FunctionalInterface
public interface TimeSource {

    /** @return the current wall-clock time in milliseconds since the epoch */
    long currentTimeMillis();

    /** @return the time source backed by {@link System#currentTimeMillis()} */
    static TimeSource system() {
        return System::currentTimeMillis;
    }
}
