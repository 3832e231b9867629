package io.clusterkv.chaos.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Records the operations of concurrent clients during a chaos run. A client calls one of the invoking methods just
 * before it sends a request and completes the returned {@link PendingOperation} as soon as the reply (or the
 * error) arrives:
 *
 * <pre>{@code
 * PendingOperation op = recorder.increment(process, "n1", "counter-0", 1);
 * try {
 *     op.ok(client.increment("counter-0"));
 * } catch (NoQuorumException e) {           // rejected before it was sent: definitely not applied
 *     op.fail(e.getMessage());
 * } catch (TimeoutException | IOException e) { // may or may not have been applied
 *     op.info(e.toString());
 * }
 * }</pre>
 *
 * <p>Design: one lock guards the id counter, the clock reading and the list, so ids follow invocation timestamps
 * and a snapshot sees every operation either pending or completed, never half-written. Recording costs one short
 * critical section per event, negligible next to a network round trip, and keeps the class obviously correct;
 * a chaos run records thousands of operations per second, not millions.
 *
 * <p>Timestamps are read inside the recorder, before the request leaves and after the reply arrives, so each
 * recorded interval contains the real one (see {@link Operation}).
 *
 * <p>Every invoking method throws {@link NullPointerException} for a null node, key or written value, and
 * {@link IllegalArgumentException} for a value that has no JSON form ({@link JsonValues#normalize}).
 */
public final class HistoryRecorder {

    /** The error text of an operation still pending when a history is taken. */
    public static final String NOT_COMPLETED = "not completed when the history was taken";

    private final RunClock clock;
    private final Object lock = new Object();
    private final List<PendingOperation> invocations = new ArrayList<>();

    /**
     * @param clock the run's clock, shared with its {@link FaultTimelineRecorder}
     * @throws NullPointerException if the clock is null
     */
    public HistoryRecorder(RunClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    /** @return the clock this recorder stamps operations with */
    public RunClock clock() {
        return clock;
    }

    /**
     * Records the invocation of any function. Prefer the function's own method ({@link #increment} and so on),
     * which builds the argument in the shape {@link KvFunction} documents.
     *
     * @return the operation, to complete once its outcome is known
     * @throws NullPointerException     if the node, the function, the keys or a key is null
     * @throws IllegalArgumentException if there is no key or the argument has no JSON form
     */
    public PendingOperation invoke(int process, String node, KvFunction function, List<String> keys,
                                   @Nullable Object argument) {
        Objects.requireNonNull(node, "node cannot be null");
        Objects.requireNonNull(function, "function cannot be null");
        List<String> keyList = List.copyOf(Objects.requireNonNull(keys, "keys cannot be null"));
        if (keyList.isEmpty()) {
            throw new IllegalArgumentException(function.jsonName() + " needs at least one key");
        }
        Object normalized = JsonValues.normalize(argument);
        synchronized (lock) {
            PendingOperation op = new PendingOperation(this, invocations.size(), process, node, function, keyList,
                    normalized, clock.nanosSinceStart());
            invocations.add(op);
            return op;
        }
    }

    /** Invokes an increment of {@code key} by {@code delta}; complete it with the new value. */
    public PendingOperation increment(int process, String node, String key, long delta) {
        return invoke(process, node, KvFunction.INCREMENT, List.of(key), delta);
    }

    /** Invokes a read of {@code key}; complete it with the value read, or {@code null} if missing. */
    public PendingOperation read(int process, String node, String key) {
        return invoke(process, node, KvFunction.READ, List.of(key), null);
    }

    /** Invokes a write of {@code value} under {@code key}. */
    public PendingOperation write(int process, String node, String key, Object value) {
        return invoke(process, node, KvFunction.WRITE, List.of(key), Objects.requireNonNull(value, "value cannot be null"));
    }

    /** Invokes a compare-and-set; fail it when the comparison did not match. */
    public PendingOperation compareAndSet(int process, String node, String key, @Nullable Object expected,
                                          Object value) {
        return invoke(process, node, KvFunction.CAS, List.of(key), Operation.casArgument(expected, value));
    }

    /** Invokes a delete of {@code key}; complete it with whether a live value was removed. */
    public PendingOperation delete(int process, String node, String key) {
        return invoke(process, node, KvFunction.DELETE, List.of(key), null);
    }

    /** Invokes a write of every entry of {@code values} at once, the keys in the map's order. */
    public PendingOperation mset(int process, String node, Map<String, ?> values) {
        return invoke(process, node, KvFunction.MSET, List.copyOf(values.keySet()), values);
    }

    /** Invokes a read of {@code keys} at once; complete it with the values in key order, {@code null} if missing. */
    public PendingOperation mget(int process, String node, List<String> keys) {
        return invoke(process, node, KvFunction.MGET, keys, null);
    }

    /** Invokes a write of {@code value} under {@code key} that expires after {@code ttl}. */
    public PendingOperation setTtl(int process, String node, String key, Object value, Duration ttl) {
        return invoke(process, node, KvFunction.SET_TTL, List.of(key),
                Operation.setTtlArgument(Objects.requireNonNull(value, "value cannot be null"), ttl));
    }

    /** Invokes an expire of {@code key} after {@code ttl}; complete it with whether the key held a live value. */
    public PendingOperation expire(int process, String node, String key, Duration ttl) {
        return invoke(process, node, KvFunction.EXPIRE, List.of(key), ttl.toMillis());
    }

    /** Invokes a read of the remaining time to live of {@code key}; complete it with milliseconds, -1 or null. */
    public PendingOperation ttlRead(int process, String node, String key) {
        return invoke(process, node, KvFunction.TTL_READ, List.of(key), null);
    }

    /**
     * Takes the history so far. Operations still pending appear as {@link CompletionType#INFO} completed now with
     * the error {@link #NOT_COMPLETED}: a checker must assume they may yet take effect.
     *
     * @return the operations invoked so far, in invocation order
     */
    public History history() {
        synchronized (lock) {
            long now = clock.nanosSinceStart();
            return new History(invocations.stream().map(op -> op.completionOrUnknownAt(now)).toList());
        }
    }

    /** @return how many operations have been invoked and not completed yet */
    public int pendingCount() {
        synchronized (lock) {
            return (int) invocations.stream().filter(PendingOperation::isPending).count();
        }
    }

    Operation complete(PendingOperation op, CompletionType type, @Nullable Object result, @Nullable String error) {
        Object normalized = JsonValues.normalize(result);
        synchronized (lock) {
            return op.completeAt(clock.nanosSinceStart(), type, normalized, error);
        }
    }
}
