package io.clusterkv.cluster.internal;

import io.clusterkv.cluster.WriteOutcomeUnknownException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * This node's writes that were sent and not yet seen applied. Each is a future the delivery thread completes with
 * the result computed when the command was applied here. Instead of a timer per write, a periodic sweep fails the
 * writes older than the write timeout, saying their outcome is unknown.
 */
final class PendingWrites {

    /** One write in flight. */
    static final class Pending extends CompletableFuture<Object> {
        final long requestId;
        final long sentNanos;
        final String operation;
        final String subject;

        Pending(long requestId, long sentNanos, String operation, String subject) {
            this.requestId = requestId;
            this.sentNanos = sentNanos;
            this.operation = operation;
            this.subject = subject;
        }
    }

    private final ConcurrentHashMap<Long, Pending> inFlight = new ConcurrentHashMap<>();

    /**
     * @param operation names the write in a timeout message (set, increment...)
     * @param subject   what it wrote (a key), for the same message
     */
    Pending register(long requestId, String operation, String subject) {
        Pending pending = new Pending(requestId, System.nanoTime(), operation, subject);
        inFlight.put(requestId, pending);
        return pending;
    }

    /** @return the write in flight with this id, no longer in flight, or null if nobody waits for it */
    @Nullable Pending take(long requestId) {
        return inFlight.remove(requestId);
    }

    /** Fails one write, e.g. when its message could not be sent. */
    void fail(long requestId, RuntimeException failure) {
        Pending pending = inFlight.remove(requestId);
        if (pending != null) {
            pending.completeExceptionally(failure);
        }
    }

    /** Fails the writes sent longer ago than the timeout. */
    void failOverdue(Duration timeout) {
        long now = System.nanoTime();
        long timeoutNanos = timeout.toNanos();
        for (Iterator<Pending> it = inFlight.values().iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (now - pending.sentNanos >= timeoutNanos) {
                it.remove();
                pending.completeExceptionally(new WriteOutcomeUnknownException(pending.operation + " of "
                    + pending.subject + " was not confirmed within " + timeout.toMillis()
                    + " ms; its outcome is unknown"));
            }
        }
    }

    /** Fails every write in flight (the node is closing). */
    void failAll(String reason) {
        for (Long requestId : inFlight.keySet()) {
            fail(requestId, new WriteOutcomeUnknownException(reason));
        }
    }

    boolean isEmpty() {
        return inFlight.isEmpty();
    }
}
