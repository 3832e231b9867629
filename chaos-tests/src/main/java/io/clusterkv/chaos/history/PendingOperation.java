package io.clusterkv.chaos.history;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invoked operation whose outcome is not recorded yet, handed out by {@link HistoryRecorder}. Complete it
 * exactly once, from any thread, as soon as the outcome is known: {@link #ok}, {@link #fail} or {@link #info}.
 * Its state is guarded by the recorder's lock.
 */
public final class PendingOperation {

    private final HistoryRecorder recorder;
    private final long id;
    private final int process;
    private final String node;
    private final KvFunction function;
    private final List<String> keys;
    private final @Nullable Object argument;
    private final long invokeNanos;
    private @Nullable Operation completed;

    PendingOperation(HistoryRecorder recorder, long id, int process, String node, KvFunction function,
                     List<String> keys, @Nullable Object argument, long invokeNanos) {
        this.recorder = recorder;
        this.id = id;
        this.process = process;
        this.node = node;
        this.function = function;
        this.keys = keys;
        this.argument = argument;
        this.invokeNanos = invokeNanos;
    }

    /** @return the operation's id in its history */
    public long id() {
        return id;
    }

    /**
     * Records that the operation was acknowledged with a result.
     *
     * @param result what it returned, as {@link KvFunction} documents; {@code null} for none
     * @return the completed operation
     * @throws IllegalStateException    if it was completed already
     * @throws IllegalArgumentException if the result has no JSON form
     */
    public Operation ok(@Nullable Object result) {
        return recorder.complete(this, CompletionType.OK, result, null);
    }

    /**
     * Records that the operation was acknowledged and returns nothing (a write, an mset).
     *
     * @return the completed operation
     * @throws IllegalStateException if it was completed already
     */
    public Operation ok() {
        return ok(null);
    }

    /**
     * Records that the operation was definitely not applied (rejected before it was sent, an argument error, a
     * comparison that did not match).
     *
     * @param error why, as the client reported it
     * @return the completed operation
     * @throws NullPointerException  if the error is null
     * @throws IllegalStateException if it was completed already
     */
    public Operation fail(String error) {
        return recorder.complete(this, CompletionType.FAIL, null, Objects.requireNonNull(error, "error text cannot be null"));
    }

    /**
     * Records that the operation's outcome is unknown (a timeout, a lost connection, a killed node): it may be
     * applied at any time from its invocation on, or never.
     *
     * @param error what happened, as the client reported it
     * @return the completed operation
     * @throws NullPointerException  if the error is null
     * @throws IllegalStateException if it was completed already
     */
    public Operation info(String error) {
        return recorder.complete(this, CompletionType.INFO, null, Objects.requireNonNull(error, "error text cannot be null"));
    }

    /**
     * Records an unknown outcome caused by an exception, with its {@code toString()} as the error text.
     *
     * @return the completed operation
     * @throws IllegalStateException if it was completed already
     */
    public Operation info(Throwable cause) {
        return info(String.valueOf(cause));
    }

    boolean isPending() {
        return completed == null;
    }

    Operation completeAt(long nanos, CompletionType type, @Nullable Object result, @Nullable String error) {
        if (completed != null) {
            throw new IllegalStateException("operation #" + id + " was already completed: " + completed.describe());
        }
        completed = toOperation(nanos, type, result, error);
        return completed;
    }

    Operation completionOrUnknownAt(long nanos) {
        return completed != null
                ? completed
                : toOperation(nanos, CompletionType.INFO, null, HistoryRecorder.NOT_COMPLETED);
    }

    private Operation toOperation(long nanos, CompletionType type, @Nullable Object result, @Nullable String error) {
        return new Operation(id, process, node, function, keys, argument, type, result, error, invokeNanos, nanos);
    }
}
