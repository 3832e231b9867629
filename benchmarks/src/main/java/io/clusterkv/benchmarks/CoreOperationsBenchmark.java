package io.clusterkv.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Time per operation of get, set, setTTL and increment on {@link io.clusterkv.core.LocalKvStore}, with
 * {@code ConcurrentHashMap} and Caffeine measured the same way in the same run (modelled on Caffeine's
 * {@code GetPutBenchmark}). The store is pre-populated (see {@link KeySpace}), so every get hits and every write
 * replaces an existing entry; threads share the store and walk the same Zipfian sequence from random offsets.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CoreOperationsBenchmark -t 2 -p store=LocalKvStore,Caffeine
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoreOperationsBenchmark {
    /** Far longer than a run, so no entry expires while being measured. */
    private static final long TTL_SECONDS = 3_600;

    @Param({"LocalKvStore", "ConcurrentHashMap", "Caffeine"})
    StoreType store;

    private StoreUnderTest target;
    private String[] textKeys;
    private String[] textValues;
    private String[] counterKeys;

    /** Builds the store under test and fills it. */
    @Setup(Level.Trial)
    public void populate() {
        KeySpace keySpace = KeySpace.create();
        textKeys = keySpace.textKeys();
        textValues = keySpace.textValues();
        counterKeys = keySpace.counterKeys();
        target = store.create();
        keySpace.populate(target);
    }

    /** Stops the store's background work before the next trial. */
    @TearDown(Level.Trial)
    public void close() {
        target.close();
    }

    /** A read of a string value that is there. */
    @Benchmark
    public Object get(KeyCursor cursor) {
        return target.get(textKeys[cursor.next()]);
    }

    /** An overwrite without TTL. */
    @Benchmark
    public void set(KeyCursor cursor) {
        int i = cursor.next();
        target.set(textKeys[i], textValues[i]);
    }

    /** An overwrite with a TTL. */
    @Benchmark
    public void setTTL(KeyCursor cursor) {
        int i = cursor.next();
        target.setTtl(textKeys[i], textValues[i], TTL_SECONDS);
    }

    /** An atomic add to an existing counter. */
    @Benchmark
    public long increment(KeyCursor cursor) {
        return target.increment(counterKeys[cursor.next()]);
    }
}
