package io.clusterkv.node.resp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes whose replies have not been sent yet, over every connection, so that a stopping node can wait
 * until every request it received has been answered.
 */
final class InFlightWrites {
    private final AtomicLong pending = new AtomicLong();
    private final Object drained = new Object();

    void started() {
        pending.incrementAndGet();
    }

    void finished() {
        if (pending.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** @return the writes not answered yet */
    long pending() {
        return pending.get();
    }

    /**
     * Waits until no write is pending, at most {@code max}.
     *
     * @return whether none is pending
     */
    boolean awaitNone(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (drained) {
            while (pending.get() > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, remaining);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
