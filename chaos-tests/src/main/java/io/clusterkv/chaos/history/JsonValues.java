package io.clusterkv.chaos.history;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The values a history holds: exactly what JSON reads back, so that a history written to a file and read again is
 * equal to the one recorded, and a checker compares a recorded {@code 42} with a state dump's {@code 42} whatever
 * integer class either used. Integers become {@code Long}, floating-point numbers {@code Double}, character
 * sequences and enums {@code String}, collections lists and maps string-keyed maps, recursively.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * @param value a value to record or compare
     * @return the value in its JSON form: {@code null}, {@code Boolean}, {@code Long}, {@code Double},
     *         {@code String}, an unmodifiable {@code List} or an unmodifiable string-keyed {@code Map} of such
     * @throws IllegalArgumentException if the value, or one nested in it, has no JSON form (a user class, a byte
     *                                  array, a map with a non-string key, an integer beyond 64 bits)
     */
    public static @Nullable Object normalize(@Nullable Object value) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof String) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return normalizeBig((Number) value);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Collection<?> collection) {
            return normalizeList(collection);
        }
        if (value instanceof Map<?, ?> map) {
            return normalizeMap(map);
        }
        throw new IllegalArgumentException("a value of " + value.getClass().getName()
                + " cannot be recorded: record a JSON-friendly form (string, number, boolean, list, map) instead");
    }

    /**
     * @return whether two values are equal once both are in their JSON form ({@code 42} equals {@code 42L})
     * @throws IllegalArgumentException if either value has no JSON form
     */
    public static boolean equal(@Nullable Object a, @Nullable Object b) {
        return Objects.equals(normalize(a), normalize(b));
    }

    private static Object normalizeBig(Number number) {
        if (number instanceof BigInteger integer) {
            if (integer.bitLength() >= Long.SIZE) {
                throw new IllegalArgumentException("integer " + integer + " does not fit in 64 bits");
            }
            return integer.longValueExact();
        }
        return number.doubleValue();
    }

    // Lists keep nulls (an mget result has one per missing key), so List.copyOf cannot be used.
    private static List<@Nullable Object> normalizeList(Collection<?> collection) {
        List<@Nullable Object> copy = new ArrayList<>(collection.size());
        for (Object element : collection) {
            copy.add(normalize(element));
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, @Nullable Object> normalizeMap(Map<?, ?> map) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("map key " + entry.getKey() + " is not a string");
            }
            copy.put(key, normalize(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
