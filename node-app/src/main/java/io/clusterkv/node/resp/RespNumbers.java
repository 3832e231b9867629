package io.clusterkv.node.resp;

import org.jspecify.annotations.Nullable;

/**
 * Integer parsing exactly as Redis does it, so that the same argument is accepted or refused by both: Redis'
 * {@code string2ll} (canonical decimal only: no '+', no leading zeros, no "-0", no spaces, within a long) and the
 * {@code strtoul} reading of SCAN cursors.
 */
final class RespNumbers {
    /** The longest canonical long: a sign and 19 digits. */
    static final int MAX_LONG_CHARS = 20;

    private RespNumbers() {
    }

    /** @return whether {@code text} is a canonical decimal integer in the range of a long (Redis' string2ll) */
    static boolean isCanonicalLong(byte[] text) {
        return isCanonicalLong(text, 0, text.length);
    }

    /** @return whether the bytes {@code [from, from + length)} are a canonical decimal long */
    static boolean isCanonicalLong(byte[] text, int from, int length) {
        if (length == 0 || length > MAX_LONG_CHARS) {
            return false;
        }
        if (length == 1) {
            return isDigit(text[from]);
        }
        int i = from;
        boolean negative = text[i] == '-';
        if (negative) {
            i++;
        }
        if (text[i] < '1' || text[i] > '9') {
            return false;
        }
        // Accumulates negatively, as Long.parseLong does, so that Long.MIN_VALUE is reachable.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long smallestBeforeShift = limit / 10;
        long accumulated = 0;
        for (int end = from + length; i < end; i++) {
            if (!isDigit(text[i]) || accumulated < smallestBeforeShift) {
                return false;
            }
            int digit = text[i] - '0';
            accumulated *= 10;
            if (accumulated < limit + digit) {
                return false;
            }
            accumulated -= digit;
        }
        return true;
    }

    /** @return the value of a canonical decimal long; call only after {@link #isCanonicalLong} accepted it */
    static long parseCanonicalLong(byte[] text) {
        return parseCanonicalLong(text, 0, text.length);
    }

    /** @return the value of the canonical decimal long at {@code [from, from + length)} */
    static long parseCanonicalLong(byte[] text, int from, int length) {
        boolean negative = text[from] == '-';
        long accumulated = 0;
        for (int i = negative ? from + 1 : from; i < from + length; i++) {
            accumulated = accumulated * 10 - (text[i] - '0');
        }
        return negative ? accumulated : -accumulated;
    }

    /**
     * Reads a SCAN cursor as Redis does with {@code strtoul}: an optional sign, decimal digits, the value taken
     * modulo 2^64 ("-1" is the largest cursor); refused when a sign has no digits after it, another character
     * appears, or the value exceeds 2^64 - 1. An empty argument reads as 0, as in Redis.
     *
     * @return the cursor as an unsigned 64-bit value, or null where Redis answers "invalid cursor"
     */
    static @Nullable Long parseCursor(byte[] text) {
        if (text.length == 0) {
            return 0L;
        }
        int i = 0;
        boolean negative = text[0] == '-';
        if (negative || text[0] == '+') {
            i++;
        }
        if (i == text.length) {
            return null;
        }
        long value = 0;
        for (; i < text.length; i++) {
            if (!isDigit(text[i])) {
                return null;
            }
            int digit = text[i] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return null; // beyond 2^64 - 1
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
