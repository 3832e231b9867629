package io.clusterkv.node.resp;

import io.clusterkv.core.KvStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * SCAN's cursor. Keys are visited in the order of a fixed 64-bit hash of the key (unsigned), and a cursor is the
 * hash of the next key to return (0 ends the scan, and starts one). Each call returns the keys whose hash lies in
 * [cursor, next). That gives Redis' guarantee: a key present during the whole scan has a hash that is either below
 * the cursor of some call (so an earlier call returned it, when it was present) or not (so a later call will),
 * whatever was added or removed between calls. The hash depends on the key alone, so a cursor stays valid across
 * connections and nodes. Keys sharing one hash are always returned in the same call, so the cursor always moves.
 *
 * Finding "the next keys above a hash" needs the keys in hash order. Sorting the whole keyspace on every call would
 * make a full scan quadratic, so a connection keeps the hash-ordered snapshot of its current scan and reuses it
 * while the client continues with the cursor it was given; any other cursor takes a fresh snapshot. Reusing a
 * snapshot keeps the guarantee (a key present all along is in the snapshot taken at the start); keys removed since
 * the snapshot are left out of the page.
 */

/** SCAN over the keyspace in the order of a 64-bit hash of the keys; one per connection (event loop only). */
final class KeyScanner {
    private static final Comparator<Snapshot.Slot> BY_HASH = (a, b) -> Long.compareUnsigned(a.hash, b.hash);

    /**
     * One SCAN reply.
     *
     * @param nextCursor the cursor to continue with, 0 when the scan is complete
     * @param keys       the keys of this page, present when it was taken
     */
    record Page(long nextCursor, List<String> keys) {
    }

    private @Nullable Snapshot snapshot;

    /**
     * @param cursor 0 to start, else the cursor a previous page returned
     * @param count  how many keys to visit (Redis' COUNT), at least 1
     * @return the next page
     */
    Page scan(KvStore store, long cursor, long count) {
        Snapshot current = snapshot;
        if (current == null || cursor == 0 || current.continuesAt != cursor) {
            current = Snapshot.of(store.keys());
        }
        int from = current.firstAtOrAbove(cursor);
        int to = current.endOfPage(from, count);
        long next = to < current.hashes.length ? current.hashes[to] : 0;
        List<String> keys = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            if (store.exists(current.keys[i])) {
                keys.add(current.keys[i]);
            }
        }
        current.continuesAt = next;
        snapshot = next == 0 ? null : current;
        return new Page(next, keys);
    }

    /** @return the cursor position of a key: its 64-bit hash (FNV-1a over the chars, then a murmur3 finalizer) */
    static long hash(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }

    /** The keys of the keyspace at one instant, in hash order. */
    private static final class Snapshot {
        final long[] hashes;
        final String[] keys;
        /** The cursor the last page of this snapshot returned. */
        long continuesAt;

        private record Slot(long hash, String key) {
        }

        private Snapshot(long[] hashes, String[] keys) {
            this.hashes = hashes;
            this.keys = keys;
        }

        static Snapshot of(List<String> liveKeys) {
            Slot[] slots = new Slot[liveKeys.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot(hash(liveKeys.get(i)), liveKeys.get(i));
            }
            Arrays.sort(slots, BY_HASH);
            long[] hashes = new long[slots.length];
            String[] keys = new String[slots.length];
            for (int i = 0; i < slots.length; i++) {
                hashes[i] = slots[i].hash;
                keys[i] = slots[i].key;
            }
            return new Snapshot(hashes, keys);
        }

        /** @return the index of the first key whose hash is at or above {@code cursor}, unsigned */
        int firstAtOrAbove(long cursor) {
            int low = 0;
            int high = hashes.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (Long.compareUnsigned(hashes[middle], cursor) < 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** @return the end of a page of {@code count} keys from {@code from}, extended over keys of equal hash */
        int endOfPage(int from, long count) {
            int to = (int) Math.min(hashes.length, from + count);
            while (to > from && to < hashes.length && hashes[to] == hashes[to - 1]) {
                to++;
            }
            return to;
        }
    }
}
