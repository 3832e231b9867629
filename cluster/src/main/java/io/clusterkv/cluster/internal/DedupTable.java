package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Which requests of each origin have been applied, so a command delivered twice (re-sent after a coordinator
 * change, or both in a joiner's snapshot and in its buffer) is applied once. Per origin: every id up to a floor,
 * plus a bit set of the ids above it (origins send ids nearly in order, so the set stays tiny). Part of the
 * replicated state: transferred with snapshots, so every replica decides the same way.
 */
final class DedupTable {
    private static final int MAX_GAP = 1 << 22;

    private static final class Window {
        long floor;
        BitSet above = new BitSet();
    }

    private final Map<Long, Window> windows = new HashMap<>();
    // The commands of a batch share their origin: remembering the last window saves a boxed lookup per command.
    private long lastOrigin;
    private Window lastWindow;

    /** @return true if the request had not been applied and now counts as applied; false for a duplicate */
    boolean markApplied(long origin, long requestId) {
        Window window = lastWindow != null && lastOrigin == origin ? lastWindow : windowOf(origin);
        if (requestId <= window.floor) {
            return false;
        }
        long offset = requestId - window.floor - 1;
        if (offset >= MAX_GAP) {
            // Ids this far apart mean the origin skipped a huge range; everything below is taken as seen.
            window.floor = requestId;
            window.above.clear();
            return true;
        }
        int bit = (int) offset;
        if (window.above.get(bit)) {
            return false;
        }
        window.above.set(bit);
        int run = window.above.nextClearBit(0);
        if (run > 0) {
            window.floor += run;
            window.above = window.above.get(run, Math.max(run, window.above.length()));
        }
        return true;
    }

    private Window windowOf(long origin) {
        Window window = windows.computeIfAbsent(origin, o -> new Window());
        lastOrigin = origin;
        lastWindow = window;
        return window;
    }

    void clear() {
        windows.clear();
        lastWindow = null;
    }

    void writeTo(Output out) {
        out.writeVarInt(windows.size(), true);
        for (Map.Entry<Long, Window> entry : windows.entrySet()) {
            out.writeLong(entry.getKey());
            out.writeVarLong(entry.getValue().floor, true);
            long[] bits = entry.getValue().above.toLongArray();
            out.writeVarInt(bits.length, true);
            out.writeLongs(bits, 0, bits.length);
        }
    }

    void readFrom(Input in) {
        windows.clear();
        lastWindow = null;
        int count = in.readVarInt(true);
        for (int i = 0; i < count; i++) {
            long origin = in.readLong();
            Window window = new Window();
            window.floor = in.readVarLong(true);
            int words = in.readVarInt(true);
            window.above = BitSet.valueOf(in.readLongs(words));
            windows.put(origin, window);
        }
    }

    /** Takes over another table's content (a provider's, at the end of a state transfer). */
    void replaceWith(DedupTable other) {
        windows.clear();
        lastWindow = null;
        windows.putAll(other.copy().windows);
    }

    /** @return a copy, for a snapshot taken while this table keeps changing */
    DedupTable copy() {
        DedupTable copy = new DedupTable();
        for (Map.Entry<Long, Window> entry : windows.entrySet()) {
            Window window = new Window();
            window.floor = entry.getValue().floor;
            window.above = (BitSet) entry.getValue().above.clone();
            copy.windows.put(entry.getKey(), window);
        }
        return copy;
    }
}
