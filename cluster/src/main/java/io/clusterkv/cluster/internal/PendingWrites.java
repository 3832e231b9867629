package io.clusterkv.cluster.internal;

import io.clusterkv.cluster.WriteOutcomeUnknownException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * This node's writes that were sent and not yet seen applied. A caller waits on its entry; the delivery thread
 * completes it with the result computed when the command was applied here.
 */
final class PendingWrites {

    /** One write in flight. */
    static final class Pending extends CompletableFuture<Object> {
        final long requestId;
        final long sentNanos;

        Pending(long requestId, long sentNanos) {
            this.requestId = requestId;
            this.sentNanos = sentNanos;
        }
    }

    /** A null result, which CompletableFuture cannot tell from "not completed" in some paths. */
    private static final Object NULL = new Object();

    private final ConcurrentHashMap<Long, Pending> inFlight = new ConcurrentHashMap<>();

    Pending register(long requestId) {
        Pending pending = new Pending(requestId, System.nanoTime());
        inFlight.put(requestId, pending);
        return pending;
    }

    /** @return the write in flight with this id, no longer in flight, or null if nobody waits for it */
    @Nullable Pending take(long requestId) {
        return inFlight.remove(requestId);
    }

    /** Hands a taken write its result, waking its caller. */
    static void complete(Pending pending, @Nullable Object result) {
        pending.complete(result == null ? NULL : result);
    }

    /**
     * Waits for the write's result.
     *
     * @throws WriteOutcomeUnknownException if it is not applied here within the timeout
     */
    @Nullable Object await(Pending pending, Duration timeout, String what) {
        try {
            Object result = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return result == NULL ? null : result;
        } catch (TimeoutException timedOut) {
            inFlight.remove(pending.requestId);
            throw new WriteOutcomeUnknownException(what + " was not confirmed within " + timeout.toMillis()
                + " ms; its outcome is unknown");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            inFlight.remove(pending.requestId);
            throw new WriteOutcomeUnknownException(what + " was interrupted while waiting; its outcome is unknown");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new WriteOutcomeUnknownException(what + " failed: " + cause);
        }
    }

    /** Fails one write, e.g. when its message could not be sent. */
    void fail(long requestId, RuntimeException failure) {
        Pending pending = inFlight.remove(requestId);
        if (pending != null) {
            pending.completeExceptionally(failure);
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
