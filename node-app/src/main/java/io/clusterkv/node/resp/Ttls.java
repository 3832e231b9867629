package io.clusterkv.node.resp;

import io.clusterkv.core.internal.Arguments;

/**
 * Reading TTL arguments as Redis does (SET EX/PX/EXAT/PXAT, SETEX, PSETEX, EXPIRE, PEXPIRE), with its error
 * replies. The store accepts TTLs up to {@link Arguments#MAX_TTL_MILLIS} (about 292,000 years); Redis accepts more,
 * up to where its deadline would overflow, and those longer TTLs get Redis' "invalid expire time" reply here.
 */
final class Ttls {
    /** A TTL argument that is not an integer (the reply has been written). */
    static final long NOT_AN_INTEGER = Long.MIN_VALUE;
    /** A TTL argument out of range (the reply has been written). */
    static final long INVALID = Long.MIN_VALUE + 1;

    private Ttls() {
    }

    /**
     * @return the integer argument, or {@link #NOT_AN_INTEGER} after replying Redis' error; the two values of the
     *     sentinels themselves read as {@code Long.MIN_VALUE + 2}, which every TTL reader treats alike (negative)
     */
    private static long integerArgument(CommandCall call, int index) {
        byte[] argument = call.arg(index);
        if (!RespNumbers.isCanonicalLong(argument)) {
            call.reply().error(RespErrors.NOT_AN_INTEGER);
            return NOT_AN_INTEGER;
        }
        long value = RespNumbers.parseCanonicalLong(argument);
        return value == NOT_AN_INTEGER || value == INVALID ? Long.MIN_VALUE + 2 : value;
    }

    /**
     * A relative TTL of SET EX/PX, SETEX or PSETEX: positive, in seconds or milliseconds.
     *
     * @return the TTL in milliseconds, or {@link #NOT_AN_INTEGER} / {@link #INVALID} after replying the error
     */
    static long relativeMillis(CommandCall call, int index, boolean seconds) {
        long value = integerArgument(call, index);
        if (value == NOT_AN_INTEGER) {
            return NOT_AN_INTEGER;
        }
        if (value <= 0 || seconds && value > Long.MAX_VALUE / 1000) {
            return invalid(call);
        }
        return checked(call, seconds ? value * 1000 : value);
    }

    /**
     * An absolute deadline of SET EXAT/PXAT, as a TTL from now. A deadline already passed keeps the value for one
     * millisecond, the shortest TTL the store has (Redis removes it at once).
     *
     * @return the TTL in milliseconds, or {@link #NOT_AN_INTEGER} / {@link #INVALID} after replying the error
     */
    static long absoluteMillis(CommandCall call, int index, boolean seconds) {
        long value = integerArgument(call, index);
        if (value == NOT_AN_INTEGER) {
            return NOT_AN_INTEGER;
        }
        if (value <= 0 || seconds && value > Long.MAX_VALUE / 1000) {
            return invalid(call);
        }
        long deadline = seconds ? value * 1000 : value;
        return checked(call, Math.max(1, deadline - call.server().clock().millis()));
    }

    /**
     * EXPIRE's and PEXPIRE's TTL: any integer, zero or less meaning "remove the key now", as in Redis.
     *
     * @return the TTL in milliseconds, or {@link #NOT_AN_INTEGER} / {@link #INVALID} after replying the error
     */
    static long expireMillis(CommandCall call, int index, boolean seconds) {
        long value = integerArgument(call, index);
        if (value == NOT_AN_INTEGER) {
            return NOT_AN_INTEGER;
        }
        if (seconds && (value > Long.MAX_VALUE / 1000 || value < Long.MIN_VALUE / 1000)) {
            return invalid(call);
        }
        long millis = seconds ? value * 1000 : value;
        if (millis > Long.MAX_VALUE - call.server().clock().millis()) {
            return invalid(call);
        }
        return millis <= 0 ? millis : checked(call, millis);
    }

    /** @return the TTL if the store accepts it, else {@link #INVALID} after replying the error */
    static long checked(CommandCall call, long ttlMillis) {
        return ttlMillis > Arguments.MAX_TTL_MILLIS ? invalid(call) : ttlMillis;
    }

    /** @return whether a result of the methods above is an error already replied */
    static boolean failed(long result) {
        return result == NOT_AN_INTEGER || result == INVALID;
    }

    private static long invalid(CommandCall call) {
        call.reply().error(RespErrors.invalidExpireTime(call.commandName()));
        return INVALID;
    }
}
