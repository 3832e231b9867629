package io.clusterkv.chaos.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds histories for checker tests with explicit times in milliseconds, so each test reads as a timeline:
 * {@code h.write(1, "x", 1).between(0, 10).ok(); h.read(2, "x").between(20, 30).ok(1);}
 */
public final class TestHistory {

    private final List<Operation> operations = new ArrayList<>();

    /** An operation being described; end it with {@link #ok}, {@link #fail} or {@link #info}. */
    public final class Op {
        private final int process;
        private final KvFunction function;
        private final List<String> keys;
        private final @Nullable Object argument;
        private String node = "n1";
        private long invokeMs;
        private long completeMs;

        private Op(int process, KvFunction function, List<String> keys, @Nullable Object argument) {
            this.process = process;
            this.function = function;
            this.keys = keys;
            this.argument = argument;
        }

        public Op on(String node) {
            this.node = node;
            return this;
        }

        public Op between(long invokeMs, long completeMs) {
            this.invokeMs = invokeMs;
            this.completeMs = completeMs;
            return this;
        }

        public TestHistory ok(@Nullable Object result) {
            return add(CompletionType.OK, result, null);
        }

        public TestHistory ok() {
            return ok(null);
        }

        public TestHistory fail() {
            return add(CompletionType.FAIL, null, "no quorum");
        }

        public TestHistory info() {
            return add(CompletionType.INFO, null, "timeout");
        }

        private TestHistory add(CompletionType type, @Nullable Object result, @Nullable String error) {
            operations.add(new Operation(operations.size(), process, node, function, keys, argument, type, result,
                    error, invokeMs * 1_000_000, completeMs * 1_000_000));
            return TestHistory.this;
        }
    }

    public Op increment(int process, String key, long delta) {
        return new Op(process, KvFunction.INCREMENT, List.of(key), delta);
    }

    public Op read(int process, String key) {
        return new Op(process, KvFunction.READ, List.of(key), null);
    }

    public Op write(int process, String key, Object value) {
        return new Op(process, KvFunction.WRITE, List.of(key), value);
    }

    public Op cas(int process, String key, @Nullable Object expected, Object value) {
        return new Op(process, KvFunction.CAS, List.of(key), Operation.casArgument(expected, value));
    }

    public Op delete(int process, String key) {
        return new Op(process, KvFunction.DELETE, List.of(key), null);
    }

    public Op mset(int process, Map<String, ?> values) {
        return new Op(process, KvFunction.MSET, List.copyOf(values.keySet()), values);
    }

    public Op mget(int process, List<String> keys) {
        return new Op(process, KvFunction.MGET, keys, null);
    }

    public Op setTtl(int process, String key, Object value, Duration ttl) {
        return new Op(process, KvFunction.SET_TTL, List.of(key), Operation.setTtlArgument(value, ttl));
    }

    public Op expire(int process, String key, Duration ttl) {
        return new Op(process, KvFunction.EXPIRE, List.of(key), ttl.toMillis());
    }

    public History build() {
        return new History(operations);
    }
}
