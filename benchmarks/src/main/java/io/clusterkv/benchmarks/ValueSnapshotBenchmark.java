package io.clusterkv.benchmarks;

import io.clusterkv.core.internal.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What keeping stored values as snapshots costs: one {@link Values#snapshot(Object)} of typical values. The store
 * takes one on every set and every get, so these numbers add to a set's or get's time for values of each shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ValueSnapshotBenchmark {

    /** The values measured, named as they appear in the results ({@code -p shape=...}). */
    public enum Shape {
        /** Immutable: shared, not copied. */
        STRING(() -> "{\"id\":42,\"name\":\"user 42\",\"plan\":\"free\"}"),
        /** Copied with {@code System.arraycopy}. */
        BYTES_32(() -> new byte[32]),
        /** Copied by hand, element by element. */
        ARRAY_LIST_10(() -> new ArrayList<>(tenStrings())),
        /** Copied by hand, pair by pair. */
        HASH_MAP_10(ValueSnapshotBenchmark::tenPairs),
        /** A record of immutable components: shared, not copied. */
        USER_RECORD(() -> new User("ada", 36, 1_700_000_000_000L)),
        /** A mutable user class: deep-copied by Kryo. */
        USER_POJO(() -> new MutableUser("ada", 36, new ArrayList<>(List.of("admin", "billing"))));

        private final Supplier<Object> factory;

        Shape(Supplier<Object> factory) {
            this.factory = factory;
        }
    }

    /**
     * An immutable user value.
     *
     * @param name            display name
     * @param age             age in years
     * @param createdAtMillis creation time
     */
    public record User(String name, int age, long createdAtMillis) {
    }

    /** A mutable user value, as applications often store them. */
    public static final class MutableUser {
        private String name;
        private int age;
        private List<String> roles;

        /** Creates a user. */
        public MutableUser(String name, int age, List<String> roles) {
            this.name = name;
            this.age = age;
            this.roles = roles;
        }

        @Override
        public String toString() {
            return name + " (" + age + ") " + roles;
        }
    }

    @Param
    Shape shape;

    private Object value;

    /** Creates the value to copy. */
    @Setup
    public void createValue() {
        value = shape.factory.get();
    }

    /** One snapshot, as a set or get takes it. */
    @Benchmark
    public Object snapshot() {
        return Values.snapshot(value);
    }

    private static List<String> tenStrings() {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            strings.add("item-" + i);
        }
        return strings;
    }

    private static Map<String, Object> tenPairs() {
        Map<String, Object> pairs = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            pairs.put("field" + i, i % 2 == 0 ? "text-" + i : (Object) (long) i);
        }
        return pairs;
    }
}
