package io.clusterkv.node.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests received and not yet answered, so that a stopping node can let them finish. Counting is lock-free, as
 * it happens on every request; only the last answer of a busy period takes the monitor, to wake a waiter.
 */
final class InFlightRequests {
    private final AtomicInteger count = new AtomicInteger();

    void begin() {
        count.incrementAndGet();
    }

    void end() {
        if (count.decrementAndGet() == 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** @return whether every request was answered within {@code max} */
    boolean awaitNone(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            // The monitor is held from the check to wait(), and end() needs it to notify: no wake-up is lost.
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
