package io.clusterkv.core.internal;

import io.clusterkv.core.WrongTypeException;
import org.jspecify.annotations.Nullable;

/** The conversion behind the typed {@code get(key, type)} of every store. */
public final class TypedValues {
    private TypedValues() {
    }

    /**
     * @return the value as {@code type}, widening Byte, Short and Integer to Long when Long is asked for
     * @throws WrongTypeException if the value is of another type
     */
    public static <T> @Nullable T cast(String key, @Nullable Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        Class<?> wanted = type.isPrimitive() ? boxed(type) : type;
        if (wanted.isInstance(value)) {
            @SuppressWarnings("unchecked")
            T typed = (T) value;
            return typed;
        }
        if (wanted == Long.class && (value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            @SuppressWarnings("unchecked")
            T widened = (T) Long.valueOf(((Number) value).longValue());
            return widened;
        }
        throw new WrongTypeException("value of key '" + key + "' is a " + value.getClass().getName() + ", not a "
            + wanted.getName());
    }

    private static Class<?> boxed(Class<?> primitive) {
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == boolean.class) {
            return Boolean.class;
        }
        if (primitive == double.class) {
            return Double.class;
        }
        if (primitive == float.class) {
            return Float.class;
        }
        if (primitive == short.class) {
            return Short.class;
        }
        if (primitive == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
