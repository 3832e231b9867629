package io.clusterkv.chaos.history;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation a client performed: its invocation and its completion, Jepsen's pair of {@code :invoke} and
 * {@code :ok}/{@code :fail}/{@code :info} events in one value. Arguments and results are held in their JSON form
 * ({@link JsonValues#normalize}); {@link KvFunction} documents their shape for each function.
 *
 * <p>Timestamps are nanoseconds since the run started ({@link RunClock}). The invocation is stamped before the
 * request leaves the client and the completion after the reply arrived, so the recorded interval contains the real
 * one: checkers may find fewer orderings forced than really were, never more.
 *
 * @param id           the operation's number in invocation order, unique within its history
 * @param process      the client (logical thread) that performed it
 * @param node         the node the client sent it to
 * @param function     what was called
 * @param keys         the keys it touched, at least one
 * @param argument     what was passed besides the keys, shaped as {@link KvFunction} documents
 * @param type         how it completed
 * @param result       what it returned when {@link CompletionType#OK}; {@code null} otherwise
 * @param error        why it failed or has an unknown outcome; {@code null} exactly when it is OK
 * @param invokeNanos  when it was invoked
 * @param completeNanos when it completed (for an operation that never completed: when the history was taken)
 */
public record Operation(
        long id,
        int process,
        String node,
        KvFunction function,
        List<String> keys,
        @Nullable Object argument,
        CompletionType type,
        @Nullable Object result,
        @Nullable String error,
        long invokeNanos,
        long completeNanos) {

    private static final String TTL_MILLIS = "ttlMillis";
    private static final String VALUE = "value";
    private static final String EXPECTED = "expected";

    /**
     * @throws NullPointerException     if the node, function, keys or type is null, or a key is null
     * @throws IllegalArgumentException if there is no key, the completion precedes the invocation, an error is
     *                                  given for an OK operation or missing for another, or a value has no JSON
     *                                  form
     */
    public Operation {
        Objects.requireNonNull(node, "node cannot be null");
        Objects.requireNonNull(function, "function cannot be null");
        Objects.requireNonNull(type, "completion type cannot be null");
        keys = List.copyOf(Objects.requireNonNull(keys, "keys cannot be null"));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("operation #" + id + " (" + function.jsonName() + ") has no key");
        }
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException("operation #" + id + " completes at " + completeNanos
                    + " ns, before its invocation at " + invokeNanos + " ns");
        }
        if ((type == CompletionType.OK) != (error == null)) {
            throw new IllegalArgumentException("operation #" + id + " is " + type.jsonName()
                    + (error == null ? " but has no error text" : " but has error text '" + error + "'"));
        }
        argument = JsonValues.normalize(argument);
        result = JsonValues.normalize(result);
    }

    /**
     * @return the operation's only key
     * @throws IllegalStateException if it touched several keys (an mset or an mget)
     */
    public String key() {
        if (keys.size() != 1) {
            throw new IllegalStateException("operation #" + id + " touches " + keys.size() + " keys, not one");
        }
        return keys.get(0);
    }

    /** @return nanoseconds from invocation to completion */
    public long latencyNanos() {
        return completeNanos - invokeNanos;
    }

    /**
     * @return the delta of an increment
     * @throws IllegalStateException if this is not an increment or its argument is not an integer
     */
    public long delta() {
        requireFunction(KvFunction.INCREMENT);
        if (!(argument instanceof Long delta)) {
            throw new IllegalStateException("increment #" + id + " has a non-integer delta: " + argument);
        }
        return delta;
    }

    /**
     * @return the value a write, a compare-and-set or a set-ttl stores
     * @throws IllegalStateException for any other function, or an argument of the wrong shape
     */
    public @Nullable Object writtenValue() {
        return switch (function) {
            case WRITE -> argument;
            case CAS, SET_TTL -> argumentField(VALUE);
            default -> throw new IllegalStateException(function.jsonName() + " #" + id + " writes no single value");
        };
    }

    /**
     * @return the value a compare-and-set expects to find
     * @throws IllegalStateException if this is not a compare-and-set, or its argument has the wrong shape
     */
    public @Nullable Object expectedValue() {
        requireFunction(KvFunction.CAS);
        return argumentField(EXPECTED);
    }

    /**
     * @return the time to live a set-ttl or an expire gives its key
     * @throws IllegalStateException for any other function, or an argument of the wrong shape
     */
    public Duration ttl() {
        Object millis = switch (function) {
            case SET_TTL -> argumentField(TTL_MILLIS);
            case EXPIRE -> argument;
            default -> throw new IllegalStateException(function.jsonName() + " #" + id + " sets no TTL");
        };
        if (!(millis instanceof Long ttlMillis)) {
            throw new IllegalStateException(function.jsonName() + " #" + id + " has a non-integer TTL: " + millis);
        }
        return Duration.ofMillis(ttlMillis);
    }

    /** @return one line for people, e.g. {@code #12 p3@n1 increment c1 1 -> ok 17 [1.204 s, 1.210 s]} */
    public String describe() {
        StringBuilder line = new StringBuilder()
                .append('#').append(id).append(" p").append(process).append('@').append(node).append(' ')
                .append(function.jsonName()).append(' ').append(String.join(",", keys));
        if (argument != null) {
            line.append(' ').append(argument);
        }
        line.append(" -> ").append(type.jsonName());
        if (type == CompletionType.OK && result != null) {
            line.append(' ').append(result);
        }
        if (error != null) {
            line.append(" (").append(error).append(')');
        }
        return line.append(" [").append(RunClock.format(invokeNanos)).append(", ")
                .append(RunClock.format(completeNanos)).append(']').toString();
    }

    static Map<String, @Nullable Object> setTtlArgument(@Nullable Object value, Duration ttl) {
        Map<String, @Nullable Object> argument = new LinkedHashMap<>();
        argument.put(VALUE, value);
        argument.put(TTL_MILLIS, ttl.toMillis());
        return argument;
    }

    static Map<String, @Nullable Object> casArgument(@Nullable Object expected, @Nullable Object value) {
        Map<String, @Nullable Object> argument = new LinkedHashMap<>();
        argument.put(EXPECTED, expected);
        argument.put(VALUE, value);
        return argument;
    }

    private void requireFunction(KvFunction expected) {
        if (function != expected) {
            throw new IllegalStateException("operation #" + id + " is " + function.jsonName() + ", not "
                    + expected.jsonName());
        }
    }

    private @Nullable Object argumentField(String field) {
        if (!(argument instanceof Map<?, ?> fields) || !fields.containsKey(field)) {
            throw new IllegalStateException(function.jsonName() + " #" + id + " has no '" + field
                    + "' in its argument " + argument);
        }
        return fields.get(field);
    }
}
