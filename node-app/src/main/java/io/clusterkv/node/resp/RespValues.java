package io.clusterkv.node.resp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;

/**
 * How RESP's byte strings map to the store's keys and values, in one place.
 *
 * <p><b>Values.</b> A bulk string that is a canonical decimal integer within a long (what Redis' string2ll accepts)
 * is stored as a {@code Long}, so INCR works on it and the Java API reads a number; other valid UTF-8 is stored as a
 * {@code String}; anything else as {@code byte[]}. Each of these reads back as exactly the bytes written. Values put
 * by the Java or HTTP API read as: integers in decimal, strings in UTF-8, byte arrays as they are, and anything else
 * (maps, lists, booleans, doubles, user classes) as its JSON text.
 *
 * <p><b>Keys.</b> Keys are Java strings. Key bytes that are valid UTF-8 decode as such, so RESP and the Java API
 * name the same key the same way. A byte that is not part of valid UTF-8 becomes the lone low surrogate
 * {@code U+DC80..U+DCFF} (Python's "surrogateescape"), which valid UTF-8 never produces: every byte string maps to
 * a distinct key and reads back byte for byte.
 */
final class RespValues {
    private static final ObjectMapper JSON = new ObjectMapper()
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final int ESCAPE_BASE = 0xDC00;

    private RespValues() {
    }

    // ------------------------------------------------------------------ values

    /** @return the value to store for a bulk string: a Long, a String or the bytes themselves */
    static Object toStored(byte[] bulk) {
        if (RespNumbers.isCanonicalLong(bulk)) {
            return RespNumbers.parseCanonicalLong(bulk);
        }
        if (Utf8.isValid(bulk, 0, bulk.length)) {
            return new String(bulk, StandardCharsets.UTF_8);
        }
        return bulk;
    }

    /**
     * @return the JSON text of a value that is neither an integer, a string nor bytes
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                + " cannot be shown as JSON: " + unwritable.getOriginalMessage(), unwritable);
        }
    }

    // ------------------------------------------------------------------ keys

    /** @return the key named by these bytes (see the class comment for bytes that are not UTF-8) */
    static String toKey(byte[] bytes) {
        if (isAscii(bytes)) {
            // An ASCII-only string is stored in compact Latin-1 form: this is a plain copy.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (Utf8.isValid(bytes, 0, bytes.length)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return decodeEscapingInvalid(bytes);
    }

    /** @return the bytes that name the key, the inverse of {@link #toKey} */
    static byte[] keyBytes(String key) {
        byte[] bytes = new byte[keyLength(key)];
        int position = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, key.charAt(++i));
            }
            position = Utf8.encode(codePoint, bytes, position);
        }
        return bytes;
    }

    /** @return the number of bytes {@link #keyBytes} produces */
    static int keyLength(String key) {
        int length = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < key.length()
                && Character.isLowSurrogate(key.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += Utf8.isEscapedByte(c) ? 1 : 3;
            }
        }
        return length;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decodeEscapingInvalid(byte[] bytes) {
        StringBuilder key = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int length = Utf8.sequenceLength(bytes, i, bytes.length);
            if (length == 0) {
                key.append((char) (ESCAPE_BASE + (bytes[i] & 0xFF)));
                i++;
            } else {
                key.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        return key.toString();
    }

    /** Strict UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF), as Java decodes it. */
    static final class Utf8 {
        private Utf8() {
        }

        /** @return whether the bytes are entirely valid UTF-8 */
        static boolean isValid(byte[] bytes, int from, int to) {
            int i = from;
            while (i < to) {
                if (bytes[i] >= 0) {
                    i++;
                    continue;
                }
                int length = sequenceLength(bytes, i, to);
                if (length == 0) {
                    return false;
                }
                i += length;
            }
            return true;
        }

        /** @return the length of the valid UTF-8 sequence starting at {@code i}, or 0 if none starts there */
        static int sequenceLength(byte[] bytes, int i, int to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                return 1;
            }
            if (lead >= 0xC2 && lead <= 0xDF) {
                return continuation(bytes, i + 1, to) ? 2 : 0;
            }
            if (lead >= 0xE0 && lead <= 0xEF) {
                int low = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                int high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
                return inRange(bytes, i + 1, to, low, high) && continuation(bytes, i + 2, to) ? 3 : 0;
            }
            if (lead >= 0xF0 && lead <= 0xF4) {
                int low = lead == 0xF0 ? 0x90 : 0x80; // no overlong forms
                int high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
                return inRange(bytes, i + 1, to, low, high) && continuation(bytes, i + 2, to)
                    && continuation(bytes, i + 3, to) ? 4 : 0;
            }
            return 0;
        }

        /** @return whether the char stands for one raw byte in a key (see {@link RespValues}) */
        static boolean isEscapedByte(char c) {
            return c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xFF;
        }

        /** Encodes a code point (or an escaped raw byte) at {@code position}; returns the next position. */
        static int encode(int codePoint, byte[] out, int position) {
            int at = position;
            if (codePoint < 0x80) {
                out[at++] = (byte) codePoint;
            } else if (codePoint < 0x800) {
                out[at++] = (byte) (0xC0 | codePoint >> 6);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (codePoint <= 0xFFFF && isEscapedByte((char) codePoint)) {
                out[at++] = (byte) (codePoint - ESCAPE_BASE);
            } else if (codePoint <= 0xFFFF) {
                out[at++] = (byte) (0xE0 | codePoint >> 12);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                out[at++] = (byte) (0xF0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            }
            return at;
        }

        private static boolean continuation(byte[] bytes, int i, int to) {
            return inRange(bytes, i, to, 0x80, 0xBF);
        }

        private static boolean inRange(byte[] bytes, int i, int to, int low, int high) {
            if (i >= to) {
                return false;
            }
            int b = bytes[i] & 0xFF;
            return b >= low && b <= high;
        }
    }
}
