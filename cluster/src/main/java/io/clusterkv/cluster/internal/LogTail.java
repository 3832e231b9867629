package io.clusterkv.cluster.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The most recently applied batches, kept so that after a coordinator fails the member that applied the most can
 * give the others what they missed. Bounded by count and by bytes; a member further behind than the tail reaches
 * takes a full state transfer instead.
 */
final class LogTail {

    /**
     * One applied batch.
     *
     * @param index     its position in the ordered stream
     * @param chainHash the hash of the whole stream up to and including it
     * @param batch     its bytes
     */
    record Entry(long index, long chainHash, byte[] batch) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;

    LogTail(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    void append(long index, long chainHash, byte[] batch) {
        entries.addLast(new Entry(index, chainHash, batch));
        bytes += batch.length;
        while (entries.size() > maxEntries || (bytes > maxBytes && entries.size() > 1)) {
            bytes -= entries.removeFirst().batch().length;
        }
    }

    /** Forgets everything (the state was replaced by a snapshot). */
    void clear() {
        entries.clear();
        bytes = 0;
    }

    /**
     * @return the entries with index in [from, to], or null if the tail does not hold all of them
     */
    @Nullable List<Entry> range(long from, long to) {
        if (entries.isEmpty() || entries.peekFirst().index() > from || entries.peekLast().index() < to) {
            return null;
        }
        List<Entry> range = new ArrayList<>((int) (to - from + 1));
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.index() < from) {
                break;
            }
            if (entry.index() <= to) {
                range.add(entry);
            }
        }
        java.util.Collections.reverse(range);
        return range;
    }
}
