package io.clusterkv.node.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.core.LocalKvStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SCAN's guarantee: a key present during the whole scan is returned, whatever changes between calls. */
class RespKeyScannerTest {
    private final LocalKvStore store = new LocalKvStore();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void scan_keysAddedAndRemovedBetweenCalls_everyStableKeyReturned() {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            store.set("stable:" + i, i);
            stable.add("stable:" + i);
        }
        KeyScanner scanner = new KeyScanner();
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int call = 0;
        do {
            KeyScanner.Page page = scanner.scan(store, cursor, 25);
            seen.addAll(page.keys());
            cursor = page.nextCursor();
            for (int i = 0; i < 10; i++) {
                store.set("added:" + call + ":" + i, i);
                store.delete("added:" + (call - 1) + ":" + i);
            }
            call++;
        } while (cursor != 0);
        assertThat(seen).containsAll(stable);
        assertThat(call).as("calls for 2,000 keys by 25").isBetween(80, 100);
    }

    @Test
    void scan_cursorContinuedElsewhere_sameGuarantee() {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            store.set("k" + i, i);
            stable.add("k" + i);
        }
        List<KeyScanner> connections = List.of(new KeyScanner(), new KeyScanner(), new KeyScanner());
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        int call = 0;
        do {
            KeyScanner.Page page = connections.get(call++ % 3).scan(store, cursor, 7);
            seen.addAll(page.keys());
            cursor = page.nextCursor();
        } while (cursor != 0);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stable);
    }

    @Test
    void scan_removedKeys_leftOutOfLaterPages() {
        for (int i = 0; i < 100; i++) {
            store.set("k" + i, i);
        }
        KeyScanner scanner = new KeyScanner();
        KeyScanner.Page first = scanner.scan(store, 0, 10);
        store.clear();
        KeyScanner.Page second = scanner.scan(store, first.nextCursor(), 1000);
        assertThat(first.keys()).hasSize(10);
        assertThat(second.keys()).isEmpty();
        assertThat(second.nextCursor()).isZero();
    }
}
