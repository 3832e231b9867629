package io.clusterkv.node.resp;

import io.clusterkv.core.SetOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The string commands: GET, SET and its variants, GETDEL, MGET, MSET and the counters. */
final class StringCommands {
    private StringCommands() {
    }

    static void get(CommandCall call) {
        call.reply().value(call.store().get(call.key(1)));
    }

    static void set(CommandCall call) {
        SetArguments options = SetArguments.parse(call);
        if (options == null) {
            return;
        }
        // The SetOptions form is used even for a plain SET: the cluster completes its future directly, without
        // the extra stage the two-argument form adds on the thread that applies every write.
        var outcome = call.store().setAsync(call.key(1), call.value(2), options.toSetOptions());
        if (options.returnsPrevious()) {
            call.replyWhenDone(outcome, ReplyEncoder.PREVIOUS_VALUE);
        } else if (options.isConditional()) {
            call.replyWhenDone(outcome, ReplyEncoder.OK_IF_APPLIED);
        } else {
            call.replyWhenDone(outcome, ReplyEncoder.OK);
        }
    }

    /** SETEX key seconds value. */
    static void setex(CommandCall call) {
        setWithTtl(call, Ttls.relativeMillis(call, 2, true));
    }

    /** PSETEX key milliseconds value. */
    static void psetex(CommandCall call) {
        setWithTtl(call, Ttls.relativeMillis(call, 2, false));
    }

    private static void setWithTtl(CommandCall call, long ttlMillis) {
        if (Ttls.failed(ttlMillis)) {
            return;
        }
        SetOptions withTtl = SetOptions.PLAIN.withTtl(Duration.ofMillis(ttlMillis));
        call.replyWhenDone(call.store().setAsync(call.key(1), call.value(3), withTtl), ReplyEncoder.OK);
    }

    static void getdel(CommandCall call) {
        call.replyWhenDone(call.store().getAndDeleteAsync(call.key(1)), ReplyEncoder.VALUE);
    }

    static void mget(CommandCall call) {
        List<String> keys = new ArrayList<>(call.argc() - 1);
        for (int i = 1; i < call.argc(); i++) {
            keys.add(call.key(i));
        }
        List<Object> values = call.store().mget(keys);
        call.reply().arrayHeader(values.size());
        for (Object value : values) {
            call.reply().value(value);
        }
    }

    static void mset(CommandCall call) {
        if (call.argc() % 2 == 0) {
            call.reply().error(RespErrors.wrongArity(call.commandName()));
            return;
        }
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (int i = 1; i < call.argc(); i += 2) {
            pairs.put(call.key(i), call.value(i + 1)); // a key given twice takes its last value, as in Redis
        }
        call.replyWhenDone(call.store().msetAsync(pairs), ReplyEncoder.OK);
    }

    static void incr(CommandCall call) {
        call.replyWhenDone(call.store().incrementAsync(call.key(1), 1), ReplyEncoder.INTEGER);
    }

    static void decr(CommandCall call) {
        call.replyWhenDone(call.store().decrementAsync(call.key(1), 1), ReplyEncoder.INTEGER);
    }

    static void incrby(CommandCall call) {
        if (isIntegerArgument(call, 2)) {
            call.replyWhenDone(call.store().incrementAsync(call.key(1), RespNumbers.parseCanonicalLong(call.arg(2))),
                ReplyEncoder.INTEGER);
        }
    }

    static void decrby(CommandCall call) {
        if (!isIntegerArgument(call, 2)) {
            return;
        }
        long delta = RespNumbers.parseCanonicalLong(call.arg(2));
        if (delta == Long.MIN_VALUE) {
            call.reply().error(RespErrors.DECREMENT_OVERFLOW); // Redis' own text for this one case
            return;
        }
        call.replyWhenDone(call.store().decrementAsync(call.key(1), delta), ReplyEncoder.INTEGER);
    }

    private static boolean isIntegerArgument(CommandCall call, int index) {
        if (RespNumbers.isCanonicalLong(call.arg(index))) {
            return true;
        }
        call.reply().error(RespErrors.NOT_AN_INTEGER);
        return false;
    }

    /**
     * SET's options, parsed as Redis' parseExtendedStringArgumentsOrReply parses them: NX and XX exclude each
     * other, EX/PX/EXAT/PXAT exclude each other and KEEPTTL, anything else is a syntax error; the TTL is read after
     * every option is known to be valid.
     */
    private record SetArguments(SetOptions.Condition condition, boolean keepTtl, boolean get, long ttlMillis) {
        private static final int EX = 1;
        private static final int PX = 2;
        private static final int EXAT = 4;
        private static final int PXAT = 8;

        /** @return the options, or null after replying the error */
        static SetArguments parse(CommandCall call) {
            SetOptions.Condition condition = SetOptions.Condition.ALWAYS;
            boolean keepTtl = false;
            boolean get = false;
            int ttlKind = 0;
            int ttlIndex = -1;
            for (int j = 3; j < call.argc(); j++) {
                boolean hasNext = j + 1 < call.argc();
                if (call.argIs(j, "nx") && condition != SetOptions.Condition.IF_PRESENT) {
                    condition = SetOptions.Condition.IF_ABSENT;
                } else if (call.argIs(j, "xx") && condition != SetOptions.Condition.IF_ABSENT) {
                    condition = SetOptions.Condition.IF_PRESENT;
                } else if (call.argIs(j, "get")) {
                    get = true;
                } else if (call.argIs(j, "keepttl") && ttlKind == 0) {
                    keepTtl = true;
                } else if (hasNext && !keepTtl && ttlOption(call.arg(j)) != 0
                    && (ttlKind & ~ttlOption(call.arg(j))) == 0) {
                    ttlKind = ttlOption(call.arg(j));
                    ttlIndex = ++j;
                } else {
                    call.reply().error(RespErrors.SYNTAX);
                    return null;
                }
            }
            long ttlMillis = ttlIndex < 0 ? 0 : readTtl(call, ttlIndex, ttlKind);
            return Ttls.failed(ttlMillis) ? null : new SetArguments(condition, keepTtl, get, ttlMillis);
        }

        /** @return the option's flag if it is EX, PX, EXAT or PXAT (in any case), else 0 */
        private static int ttlOption(byte[] option) {
            if (CommandCall.is(option, "ex")) {
                return EX;
            } else if (CommandCall.is(option, "px")) {
                return PX;
            } else if (CommandCall.is(option, "exat")) {
                return EXAT;
            } else if (CommandCall.is(option, "pxat")) {
                return PXAT;
            }
            return 0;
        }

        private static long readTtl(CommandCall call, int index, int kind) {
            return switch (kind) {
                case EX -> Ttls.relativeMillis(call, index, true);
                case PX -> Ttls.relativeMillis(call, index, false);
                case EXAT -> Ttls.absoluteMillis(call, index, true);
                default -> Ttls.absoluteMillis(call, index, false);
            };
        }

        boolean isConditional() {
            return condition != SetOptions.Condition.ALWAYS;
        }

        boolean returnsPrevious() {
            return get;
        }

        SetOptions toSetOptions() {
            if (condition == SetOptions.Condition.ALWAYS && !keepTtl && ttlMillis == 0) {
                return SetOptions.PLAIN;
            }
            return new SetOptions(condition, ttlMillis == 0 ? null : Duration.ofMillis(ttlMillis), keepTtl);
        }
    }
}
