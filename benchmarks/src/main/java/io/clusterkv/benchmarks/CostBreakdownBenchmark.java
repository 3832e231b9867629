package io.clusterkv.benchmarks;

import io.clusterkv.core.LocalKvStore;
import io.clusterkv.core.TimeSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where {@link LocalKvStore}'s time per operation goes, for docs/benchmarks.md: the store with its system clock
 * against the same store on a clock that costs nothing (the gap is what reading the time costs), and a bare
 * {@code ConcurrentHashMap} with one extra cost added at a time. Same key space and visiting order as
 * {@link CoreOperationsBenchmark}. Not part of run-core.sh; run it when changing the store's hot paths:
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CostBreakdownBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -t 2
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CostBreakdownBenchmark {

    /** A populated store; JMH creates only the states a benchmark method asks for, so each fork fills one. */
    @State(Scope.Benchmark)
    public abstract static class PopulatedStore {
        LocalKvStore store;
        String[] textKeys;
        String[] textValues;
        String[] counterKeys;

        abstract LocalKvStore create();

        /** Builds and fills the store. */
        @Setup(Level.Trial)
        public void populate() {
            KeySpace keySpace = KeySpace.create();
            textKeys = keySpace.textKeys();
            textValues = keySpace.textValues();
            counterKeys = keySpace.counterKeys();
            store = create();
            LocalKvStoreUnderTest filler = new LocalKvStoreUnderTest(store);
            keySpace.populate(filler);
        }

        /** Stops the sweeper. */
        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** The store as shipped, on the system clock. */
    public static class StoreOnSystemClock extends PopulatedStore {
        @Override
        LocalKvStore create() {
            return new LocalKvStore();
        }
    }

    /**
     * The store on a clock that returns a constant: the upper bound of what reading the clock lazily (only for
     * entries that have a deadline) would save, since no key here has one.
     */
    public static class StoreOnFreeClock extends PopulatedStore {
        private static final TimeSource CONSTANT = () -> 1_000_000L;

        @Override
        LocalKvStore create() {
            return LocalKvStore.builder().timeSource(CONSTANT).build();
        }
    }

    /** A bare map, and the synchronisation the store adds around its writes, to price each piece alone. */
    @State(Scope.Benchmark)
    public static class BareMap {
        /** Cells 16 longs (128 bytes) apart, so two threads' counts never share a cache line. */
        private static final int CELL_SPACING = 16;
        private static final int CELLS = 8;

        final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
        final StampedLock sharedLock = new StampedLock();
        final AtomicLongArray writersPerThread = new AtomicLongArray(CELLS * CELL_SPACING);
        String[] textKeys;
        String[] textValues;

        /** Fills the map like the store. */
        @Setup(Level.Trial)
        public void populate() {
            KeySpace keySpace = KeySpace.create();
            textKeys = keySpace.textKeys();
            textValues = keySpace.textValues();
            keySpace.populate(new ConcurrentHashMapUnderTest(map));
        }

        private final AtomicInteger threadsSeen = new AtomicInteger();
        // Numbered in order of arrival, not by thread id, so two threads never share a cell by accident.
        private final ThreadLocal<Integer> cellOfThread =
            ThreadLocal.withInitial(() -> (threadsSeen.getAndIncrement() % CELLS) * CELL_SPACING);

        int writerCell() {
            return cellOfThread.get();
        }
    }

    // ---------------------------------------------------------------- the store, with and without clock reads

    /** {@code get} as shipped. */
    @Benchmark
    public Object storeGet(StoreOnSystemClock s, KeyCursor cursor) {
        return s.store.get(s.textKeys[cursor.next()]);
    }

    /** {@code get} without the cost of reading the time. */
    @Benchmark
    public Object storeGetFreeClock(StoreOnFreeClock s, KeyCursor cursor) {
        return s.store.get(s.textKeys[cursor.next()]);
    }

    /** {@code set} as shipped. */
    @Benchmark
    public boolean storeSet(StoreOnSystemClock s, KeyCursor cursor) {
        int i = cursor.next();
        return s.store.set(s.textKeys[i], s.textValues[i]);
    }

    /** {@code set} without the cost of reading the time. */
    @Benchmark
    public boolean storeSetFreeClock(StoreOnFreeClock s, KeyCursor cursor) {
        int i = cursor.next();
        return s.store.set(s.textKeys[i], s.textValues[i]);
    }

    /** {@code increment} as shipped. */
    @Benchmark
    public long storeIncrement(StoreOnSystemClock s, KeyCursor cursor) {
        return s.store.increment(s.counterKeys[cursor.next()]);
    }

    /** {@code increment} without the cost of reading the time. */
    @Benchmark
    public long storeIncrementFreeClock(StoreOnFreeClock s, KeyCursor cursor) {
        return s.store.increment(s.counterKeys[cursor.next()]);
    }

    // ---------------------------------------------------------------- a bare map, one cost at a time

    /** The floor for a read. */
    @Benchmark
    public Object mapGet(BareMap m, KeyCursor cursor) {
        return m.map.get(m.textKeys[cursor.next()]);
    }

    /**
     * A read that looks at the value's class, as any TTL check by type ({@code instanceof TimedValue}) or snapshot
     * decision must: one more cache line per read.
     */
    @Benchmark
    public Object mapGetReadingValueClass(BareMap m, KeyCursor cursor) {
        Object value = m.map.get(m.textKeys[cursor.next()]);
        return value.getClass() == String.class ? value : null;
    }

    /** A read plus the store's clock read. */
    @Benchmark
    public Object mapGetReadingClock(BareMap m, KeyCursor cursor) {
        Object value = m.map.get(m.textKeys[cursor.next()]);
        return System.currentTimeMillis() == 0 ? null : value;
    }

    /** The floor for a write. */
    @Benchmark
    public Object mapPut(BareMap m, KeyCursor cursor) {
        int i = cursor.next();
        return m.map.put(m.textKeys[i], m.textValues[i]);
    }

    /** A write inside the read side of one shared StampedLock, as every single-key write of the store is. */
    @Benchmark
    public Object mapPutUnderSharedReadLock(BareMap m, KeyCursor cursor) {
        int i = cursor.next();
        long stamp = m.sharedLock.readLock();
        try {
            return m.map.put(m.textKeys[i], m.textValues[i]);
        } finally {
            m.sharedLock.unlockRead(stamp);
        }
    }

    /**
     * A write that announces itself in a per-thread counter instead (the writer side of a striped
     * reader-writer indicator; a bulk writer would raise a flag and wait for every cell to reach zero).
     */
    @Benchmark
    public Object mapPutUnderPerThreadWriterCount(BareMap m, KeyCursor cursor) {
        int i = cursor.next();
        int cell = m.writerCell();
        m.writersPerThread.getAndIncrement(cell);
        try {
            return m.map.put(m.textKeys[i], m.textValues[i]);
        } finally {
            m.writersPerThread.getAndDecrement(cell);
        }
    }
}
