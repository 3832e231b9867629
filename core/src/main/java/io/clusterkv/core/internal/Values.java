package io.clusterkv.core.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import io.clusterkv.core.InvalidArgumentException;
import java.lang.reflect.Array;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Deep copies that keep stored values snapshots. Measured choice (see docs/benchmarks.md): values that cannot
 * change (strings, boxed numbers, booleans, enums, java.time values, records of such) are shared, not copied, so
 * the common get and set pay nothing; the JSON-like shapes (byte arrays, ArrayList, HashMap, LinkedHashMap, HashSet,
 * LinkedHashSet and arrays) are copied by hand, which is several times faster than a serializer; anything else,
 * user classes included, is deep-copied by Kryo, keeping its class.
 */
public final class Values {

    private enum Kind { IMMUTABLE, PRIMITIVE_ARRAY, OBJECT_ARRAY, ARRAY_LIST, LINKED_HASH_MAP, HASH_MAP,
        LINKED_HASH_SET, HASH_SET, OTHER_LIST, OTHER_MAP, OTHER_SET, GENERIC }

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            return classify(type);
        }
    };

    private static final Pool<Kryo> COPIERS = new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
            Kryo kryo = new Kryo();
            // Copying an object already in this process is not deserialization of untrusted bytes, so any class may
            // be copied here; replication requires registration separately.
            kryo.setRegistrationRequired(false);
            kryo.setReferences(true);
            kryo.setCopyReferences(true);
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            return kryo;
        }
    };

    private Values() {
    }

    /**
     * @return {@code value} itself if it can never change, else a deep copy of it
     * @throws InvalidArgumentException if the value cannot be copied
     */
    public static Object snapshot(Object value) {
        Class<?> type = value.getClass();
        if (type == String.class || type == Long.class || type == Integer.class) {
            return value;
        }
        return switch (KINDS.get(type)) {
            case IMMUTABLE -> value;
            case PRIMITIVE_ARRAY -> primitiveArrayCopy(value);
            case OBJECT_ARRAY -> objectArrayCopy((Object[]) value);
            case ARRAY_LIST -> copyElements((Collection<?>) value, new ArrayList<>(((Collection<?>) value).size()));
            case LINKED_HASH_SET -> copyElements((Collection<?>) value, new LinkedHashSet<>());
            case HASH_SET -> copyElements((Collection<?>) value, new HashSet<>());
            case LINKED_HASH_MAP -> copyPairs((Map<?, ?>) value, new LinkedHashMap<>());
            case HASH_MAP -> copyPairs((Map<?, ?>) value, new HashMap<>());
            case OTHER_LIST -> kryoCopyOr(value, () -> copyElements((Collection<?>) value, new ArrayList<>()));
            case OTHER_SET -> kryoCopyOr(value, () -> copyElements((Collection<?>) value, new LinkedHashSet<>()));
            case OTHER_MAP -> kryoCopyOr(value, () -> copyPairs((Map<?, ?>) value, new LinkedHashMap<>()));
            case GENERIC -> kryoCopyOr(value, null);
        };
    }

    /** @return whether values of this class are shared rather than copied */
    public static boolean isImmutable(Class<?> type) {
        return KINDS.get(type) == Kind.IMMUTABLE;
    }

    private static Kind classify(Class<?> type) {
        if (isImmutableLeaf(type) || isImmutableRecord(type)) {
            return Kind.IMMUTABLE;
        }
        if (type.isArray()) {
            return type.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY;
        }
        if (type == ArrayList.class) {
            return Kind.ARRAY_LIST;
        }
        if (type == LinkedHashMap.class) {
            return Kind.LINKED_HASH_MAP;
        }
        if (type == HashMap.class) {
            return Kind.HASH_MAP;
        }
        if (type == LinkedHashSet.class) {
            return Kind.LINKED_HASH_SET;
        }
        if (type == HashSet.class) {
            return Kind.HASH_SET;
        }
        if (List.class.isAssignableFrom(type)) {
            return Kind.OTHER_LIST;
        }
        if (Map.class.isAssignableFrom(type)) {
            return Kind.OTHER_MAP;
        }
        if (Set.class.isAssignableFrom(type)) {
            return Kind.OTHER_SET;
        }
        return Kind.GENERIC;
    }

    private static boolean isImmutableLeaf(Class<?> type) {
        return type == String.class || type == Long.class || type == Integer.class || type == Short.class
            || type == Byte.class || type == Double.class || type == Float.class || type == Boolean.class
            || type == Character.class || type == BigInteger.class || type == BigDecimal.class || type == UUID.class
            || type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())
            || (TemporalAccessor.class.isAssignableFrom(type) && type.getName().startsWith("java.time."))
            || type == java.time.Duration.class || type == java.time.Period.class;
    }

    /** A record is immutable when every component is a primitive or an immutable leaf (final by construction). */
    private static boolean isImmutableRecord(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> componentType = component.getType();
            boolean shared = componentType.isPrimitive()
                || (Modifier.isFinal(componentType.getModifiers()) && isImmutableLeaf(componentType))
                || (componentType.isRecord() && isImmutableRecord(componentType));
            if (!shared) {
                return false;
            }
        }
        return true;
    }

    private static Object primitiveArrayCopy(Object array) {
        int length = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

    private static Object objectArrayCopy(Object[] array) {
        Object[] copy = array.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = nullableSnapshot(copy[i]);
        }
        return copy;
    }

    private static <C extends Collection<Object>> C copyElements(Collection<?> source, C target) {
        for (Object element : source) {
            target.add(nullableSnapshot(element));
        }
        return target;
    }

    private static <M extends Map<Object, Object>> M copyPairs(Map<?, ?> source, M target) {
        for (Map.Entry<?, ?> pair : source.entrySet()) {
            target.put(nullableSnapshot(pair.getKey()), nullableSnapshot(pair.getValue()));
        }
        return target;
    }

    private static Object nullableSnapshot(Object value) {
        return value == null ? null : snapshot(value);
    }

    private static Object kryoCopyOr(Object value, java.util.function.Supplier<Object> fallback) {
        Kryo kryo = COPIERS.obtain();
        try {
            return kryo.copy(value);
        } catch (KryoException | IllegalArgumentException | UnsupportedOperationException failure) {
            if (fallback != null) {
                return fallback.get();
            }
            throw new InvalidArgumentException("value of " + value.getClass().getName()
                + " cannot be stored: it cannot be copied (" + failure.getMessage() + ")");
        } finally {
            COPIERS.free(kryo);
        }
    }
}
