package io.clusterkv.node.http;

import io.clusterkv.core.InvalidArgumentException;
import io.clusterkv.core.internal.Arguments;
import io.netty.buffer.ByteBufUtil;

/**
 * The sizes the node accepts ({@code max-key-bytes}, {@code max-value-bytes}), checked before anything reaches the
 * store. A key is measured in UTF-8 bytes, a value by the bytes of its JSON text in the request.
 *
 * @param maxKeyBytes   the largest key
 * @param maxValueBytes the largest value
 */
record Limits(long maxKeyBytes, long maxValueBytes) {

    /**
     * @return the key
     * @throws InvalidArgumentException if it is longer than {@code max-key-bytes}
     */
    String requireKey(String key) {
        long bytes = ByteBufUtil.utf8Bytes(key);
        if (bytes > maxKeyBytes) {
            throw new InvalidArgumentException("key is " + bytes + " bytes; max-key-bytes allows " + maxKeyBytes);
        }
        return key;
    }

    /**
     * @return the value
     * @throws InvalidArgumentException if it is JSON null (with the store's message), or its JSON text is longer
     *     than {@code max-value-bytes}
     */
    Object requireValue(Json.SizedValue value) {
        Object checked = Arguments.requireValue(value.value());
        if (value.bytes() > maxValueBytes) {
            throw new InvalidArgumentException("value is " + value.bytes() + " bytes of JSON; max-value-bytes allows "
                + maxValueBytes);
        }
        return checked;
    }
}
