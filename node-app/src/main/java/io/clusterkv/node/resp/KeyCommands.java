package io.clusterkv.node.resp;

import io.clusterkv.core.AsyncKvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The keyspace commands: DEL, EXISTS, EXPIRE, PERSIST, TTL, TYPE, KEYS, SCAN, DBSIZE, FLUSHDB. */
final class KeyCommands {
    /** SCAN's default COUNT, as in Redis. */
    private static final long DEFAULT_SCAN_COUNT = 10;

    private KeyCommands() {
    }

    /** DEL and UNLINK: the number of keys removed; a key named twice counts once. */
    static void del(CommandCall call) {
        AsyncKvStore store = call.store();
        if (call.argc() == 2) {
            call.replyWhenDone(store.deleteAsync(call.key(1)), ReplyEncoder.ONE_IF_TRUE);
            return;
        }
        List<CompletableFuture<Boolean>> deletes = new ArrayList<>(call.argc() - 1);
        for (int i = 1; i < call.argc(); i++) {
            deletes.add(store.deleteAsync(call.key(i)));
        }
        call.replyWhenDone(countTrue(deletes), ReplyEncoder.INTEGER);
    }

    private static CompletableFuture<Long> countTrue(List<CompletableFuture<Boolean>> results) {
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply(allDone -> {
            long count = 0;
            for (CompletableFuture<Boolean> result : results) {
                if (result.join()) {
                    count++;
                }
            }
            return count;
        });
    }

    /** EXISTS: how many of the keys exist; a key named twice counts twice, as in Redis. */
    static void exists(CommandCall call) {
        long count = 0;
        for (int i = 1; i < call.argc(); i++) {
            if (call.store().exists(call.key(i))) {
                count++;
            }
        }
        call.reply().integer(count);
    }

    static void expire(CommandCall call) {
        expire(call, true);
    }

    static void pexpire(CommandCall call) {
        expire(call, false);
    }

    /**
     * EXPIRE and PEXPIRE. A TTL of zero or less removes the key, as Redis does. Redis 7's NX/XX/GT/LT conditions
     * would need a conditional expire in the store, which it does not offer: they are refused as Redis refuses an
     * unknown option.
     */
    private static void expire(CommandCall call, boolean seconds) {
        if (call.argc() > 3) {
            call.reply().error("ERR Unsupported option " + call.text(3));
            return;
        }
        long ttlMillis = Ttls.expireMillis(call, 2, seconds);
        if (Ttls.failed(ttlMillis)) {
            return;
        }
        AsyncKvStore store = call.store();
        CompletableFuture<Boolean> expired = ttlMillis <= 0 ? store.deleteAsync(call.key(1))
            : store.expireAsync(call.key(1), Duration.ofMillis(ttlMillis));
        call.replyWhenDone(expired, ReplyEncoder.ONE_IF_TRUE);
    }

    static void persist(CommandCall call) {
        call.replyWhenDone(call.store().persistAsync(call.key(1)), ReplyEncoder.ONE_IF_TRUE);
    }

    static void ttl(CommandCall call) {
        replyTtl(call, true);
    }

    static void pttl(CommandCall call) {
        replyTtl(call, false);
    }

    /** TTL and PTTL: -2 for a missing key, -1 without TTL, else the time left (TTL rounds to the second). */
    private static void replyTtl(CommandCall call, boolean seconds) {
        Long millis = call.store().getTTLMillis(call.key(1));
        if (millis == null) {
            call.reply().integer(-2);
        } else if (millis < 0) {
            call.reply().integer(-1);
        } else {
            call.reply().integer(seconds ? (millis + 500) / 1000 : millis);
        }
    }

    /** TYPE: every value reads as a string over RESP. */
    static void type(CommandCall call) {
        call.reply().simple(call.store().exists(call.key(1)) ? "string" : "none");
    }

    static void keys(CommandCall call) {
        GlobPattern pattern = new GlobPattern(call.arg(1));
        AsyncKvStore store = call.store();
        List<String> matching;
        if (pattern.isLiteral()) {
            String key = call.key(1);
            matching = store.exists(key) ? List.of(key) : List.of();
        } else {
            matching = matching(store.keys(), pattern);
        }
        call.reply().arrayHeader(matching.size());
        for (String key : matching) {
            call.reply().key(key);
        }
    }

    private static List<String> matching(List<String> keys, GlobPattern pattern) {
        if (pattern.matchesEverything()) {
            return keys;
        }
        List<String> matching = new ArrayList<>();
        for (String key : keys) {
            if (pattern.matches(RespValues.keyBytes(key))) {
                matching.add(key);
            }
        }
        return matching;
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type], parsed as Redis parses it. */
    static void scan(CommandCall call) {
        Long cursor = RespNumbers.parseCursor(call.arg(1));
        if (cursor == null) {
            call.reply().error(RespErrors.INVALID_CURSOR);
            return;
        }
        ScanOptions options = ScanOptions.parse(call);
        if (options == null) {
            return;
        }
        KeyScanner.Page page = call.session().scanner().scan(call.store(), cursor, options.count());
        List<String> keys = !options.stringsWanted() ? List.of()
            : options.pattern() == null ? page.keys() : matching(page.keys(), options.pattern());
        call.reply().arrayHeader(2);
        call.reply().bulk(Long.toUnsignedString(page.nextCursor()));
        call.reply().arrayHeader(keys.size());
        for (String key : keys) {
            call.reply().key(key);
        }
    }

    /**
     * SCAN's options.
     *
     * @param count         how many keys to visit
     * @param pattern       MATCH's pattern, or null
     * @param stringsWanted false when TYPE asks for anything but strings, which no key holds here
     */
    private record ScanOptions(long count, @Nullable GlobPattern pattern, boolean stringsWanted) {

        /** @return the options, or null after replying Redis' error */
        static @Nullable ScanOptions parse(CommandCall call) {
            long count = DEFAULT_SCAN_COUNT;
            GlobPattern pattern = null;
            boolean stringsWanted = true;
            for (int i = 2; i < call.argc(); i += 2) {
                boolean hasValue = i + 1 < call.argc();
                if (hasValue && call.argIs(i, "count")) {
                    count = count(call, i + 1);
                    if (count < 1) {
                        return null;
                    }
                } else if (hasValue && call.argIs(i, "match")) {
                    // "*" selects every key without matching, the empty key included, as in Redis
                    GlobPattern match = new GlobPattern(call.arg(i + 1));
                    pattern = match.matchesEverything() ? null : match;
                } else if (hasValue && call.argIs(i, "type")) {
                    stringsWanted = CommandCall.is(call.arg(i + 1), "string");
                } else {
                    call.reply().error(RespErrors.SYNTAX);
                    return null;
                }
            }
            return new ScanOptions(count, pattern, stringsWanted);
        }

        /** @return COUNT's value, or 0 after replying Redis' error */
        private static long count(CommandCall call, int index) {
            if (!RespNumbers.isCanonicalLong(call.arg(index))) {
                call.reply().error(RespErrors.NOT_AN_INTEGER);
                return 0;
            }
            long count = RespNumbers.parseCanonicalLong(call.arg(index));
            if (count < 1) {
                call.reply().error(RespErrors.SYNTAX);
            }
            return count;
        }
    }

    static void dbsize(CommandCall call) {
        call.reply().integer(call.store().size());
    }

    /** FLUSHDB and FLUSHALL [ASYNC|SYNC]: both clear the one keyspace. */
    static void flush(CommandCall call) {
        if (call.argc() > 2 || call.argc() == 2 && !call.argIs(1, "sync") && !call.argIs(1, "async")) {
            call.reply().error(RespErrors.SYNTAX);
            return;
        }
        call.replyWhenDone(call.store().clearAsync(), ReplyEncoder.OK);
    }
}
