package io.clusterkv.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Encodes replies in the connection's protocol (RESP2, or RESP3 after {@code HELLO 3}) into the buffer the
 * connection points it at. Numbers and strings are written straight into the (pooled) buffer, and the frequent
 * replies are pre-encoded constants, so that the GET, SET and INCR replies allocate nothing.
 */
final class ReplyWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = ascii("+OK\r\n");
    private static final byte[] ZERO = ascii(":0\r\n");
    private static final byte[] ONE = ascii(":1\r\n");
    private static final byte[] RESP2_NULL = ascii("$-1\r\n");
    private static final byte[] RESP3_NULL = ascii("_\r\n");
    private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    private static final byte[] LONG_MIN_VALUE = ascii(Long.toString(Long.MIN_VALUE));

    private @Nullable ByteBuf target;
    private boolean resp3;

    /** Points the writer at the buffer the next replies go to. */
    void target(ByteBuf buffer) {
        this.target = buffer;
    }

    /** @return the buffer the replies go to */
    ByteBuf target() {
        if (target == null) {
            throw new IllegalStateException("no reply buffer");
        }
        return target;
    }

    /** Switches between RESP2 and RESP3 (HELLO). */
    void resp3(boolean enabled) {
        this.resp3 = enabled;
    }

    /** @return whether replies are encoded in RESP3 */
    boolean isResp3() {
        return resp3;
    }

    // ------------------------------------------------------------------ simple replies

    void ok() {
        target().writeBytes(OK);
    }

    /** A simple string ({@code +text}); the text must not contain CR or LF. */
    void simple(String text) {
        ByteBuf out = target();
        out.writeByte('+');
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /**
     * An error reply; {@code text} starts with its code ({@code ERR ...}); CR and LF become spaces, as in Redis.
     * Quoted user bytes that are not UTF-8 (see {@link RespErrors#truncated}) are written back as they came.
     */
    void error(String text) {
        ByteBuf out = target();
        out.writeByte('-');
        out.writeBytes(RespValues.keyBytes(text.replace('\r', ' ').replace('\n', ' ')));
        out.writeBytes(CRLF);
    }

    void integer(long value) {
        if (value == 0) {
            target().writeBytes(ZERO);
        } else if (value == 1) {
            target().writeBytes(ONE);
        } else {
            header(':', value);
        }
    }

    /** The null reply: RESP2's null bulk string or RESP3's null. */
    void nullValue() {
        target().writeBytes(resp3 ? RESP3_NULL : RESP2_NULL);
    }

    // ------------------------------------------------------------------ bulk strings

    void bulk(byte[] bytes) {
        header('$', bytes.length);
        target().writeBytes(bytes).writeBytes(CRLF);
    }

    /** A bulk string of the UTF-8 bytes of {@code text}. */
    void bulk(String text) {
        ByteBuf out = target();
        header('$', ByteBufUtil.utf8Bytes(text));
        ByteBufUtil.writeUtf8(out, text);
        out.writeBytes(CRLF);
    }

    /** A bulk string of the decimal digits of {@code value}. */
    void bulk(long value) {
        header('$', decimalLength(value));
        decimal(value);
        target().writeBytes(CRLF);
    }

    /** A key, as the bytes that name it. */
    void key(String key) {
        bulk(RespValues.keyBytes(key));
    }

    /** A stored value, converted as {@link RespValues} describes; null is the null reply. */
    void value(@Nullable Object value) {
        if (value == null) {
            nullValue();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte) {
            bulk(((Number) value).longValue());
        } else if (value instanceof String text) {
            bulk(text);
        } else if (value instanceof byte[] bytes) {
            bulk(bytes);
        } else {
            bulk(RespValues.toJson(value));
        }
    }

    /** A text block: RESP3's verbatim string of type "txt" (INFO, CLIENT INFO), a bulk string in RESP2. */
    void verbatim(String text) {
        if (!resp3) {
            bulk(text);
            return;
        }
        ByteBuf out = target();
        header('=', ByteBufUtil.utf8Bytes(text) + 4);
        out.writeCharSequence("txt:", StandardCharsets.US_ASCII);
        ByteBufUtil.writeUtf8(out, text);
        out.writeBytes(CRLF);
    }

    // ------------------------------------------------------------------ aggregates

    void arrayHeader(int length) {
        if (length == 0) {
            target().writeBytes(EMPTY_ARRAY);
        } else {
            header('*', length);
        }
    }

    /** A map of {@code pairs} entries: RESP3's map, a flat array of twice the length in RESP2. */
    void mapHeader(int pairs) {
        if (resp3) {
            header('%', pairs);
        } else {
            arrayHeader(2 * pairs);
        }
    }

    /** A set: RESP3's set type, an array in RESP2. */
    void setHeader(int length) {
        if (resp3) {
            header('~', length);
        } else {
            arrayHeader(length);
        }
    }

    /** An array of simple strings. */
    void simpleStrings(Collection<String> items) {
        arrayHeader(items.size());
        for (String item : items) {
            simple(item);
        }
    }

    // ------------------------------------------------------------------ encoding

    private void header(char type, long value) {
        target().writeByte(type);
        decimal(value);
        target().writeBytes(CRLF);
    }

    /** Writes the digits of a long straight into the buffer, without a String. */
    private void decimal(long value) {
        ByteBuf out = target();
        if (value == Long.MIN_VALUE) {
            out.writeBytes(LONG_MIN_VALUE);
            return;
        }
        long remaining = value;
        if (remaining < 0) {
            out.writeByte('-');
            remaining = -remaining;
        }
        int digits = decimalLength(remaining);
        out.ensureWritable(digits);
        int end = out.writerIndex() + digits;
        for (int at = end - 1; at >= end - digits; at--) {
            out.setByte(at, (int) ('0' + remaining % 10));
            remaining /= 10;
        }
        out.writerIndex(end);
    }

    /** @return the number of characters of the decimal form of {@code value}, its sign included */
    static int decimalLength(long value) {
        if (value == Long.MIN_VALUE) {
            return LONG_MIN_VALUE.length;
        }
        if (value < 0) {
            return 1 + decimalLength(-value);
        }
        int length = 1;
        for (long bound = 10; length < 19 && value >= bound; bound *= 10) {
            length++;
        }
        return length;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
