package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.clusterkv.core.internal.StoreEngine;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 64-bit hashes that are equal on every JVM for equal state: of keys, values, entries and the ordered stream. Values
 * are hashed by structure (maps and sets regardless of their iteration order, which may differ between replicas
 * that built the same map differently); classes with no known structure are hashed by their Kryo bytes.
 */
final class StateHashing {
    private static final long PRIME = 0x9E3779B97F4A7C15L;

    private final Kryo kryo;
    private final Output scratch = new Output(256, -1);

    /** @param kryo a Kryo confined to the thread that uses this instance */
    StateHashing(Kryo kryo) {
        this.kryo = kryo;
    }

    /** The finalizer of SplitMix64: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hashString(String s) {
        long h = s.length() * PRIME;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** Eight bytes at a time: the chain hash covers every applied batch, so this runs on the apply path. */
    static long hashBytes(byte[] bytes, int offset, int length) {
        long h = length * PRIME;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) WORDS.get(bytes, i)) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ bytes[i]) * 0x100000001B3L;
        }
        return mix(h);
    }

    private static final java.lang.invoke.VarHandle WORDS =
        java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** @return the contribution of one entry to the state digest (0 for no entry) */
    long entryHash(String key, Object raw) {
        long valueHash = valueHash(StoreEngine.valueOf(raw));
        return mix(hashString(key) + 31 * valueHash + mix(StoreEngine.deadlineOf(raw) + PRIME));
    }

    long valueHash(Object value) {
        if (value == null) {
            return 0x5bd1e995L;
        }
        if (value instanceof String s) {
            return hashString(s);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // The type matters: an Integer 5 on one replica and a Long 5 on another is a difference.
            return mix(((Number) value).longValue() + value.getClass().getSimpleName().hashCode() * PRIME);
        }
        if (value instanceof Double d) {
            return mix(Double.doubleToLongBits(d) ^ 0x44);
        }
        if (value instanceof Float f) {
            return mix(Float.floatToIntBits(f) ^ 0x46);
        }
        if (value instanceof Boolean b) {
            return b ? 0x1231L : 0x1237L;
        }
        if (value instanceof byte[] bytes) {
            return hashBytes(bytes, 0, bytes.length);
        }
        if (value instanceof List<?> list) {
            long h = 0x4C;
            for (Object element : list) {
                h = mix(h * 31 + valueHash(element));
            }
            return h;
        }
        if (value instanceof Map<?, ?> map) {
            long h = 0x4D;
            for (Map.Entry<?, ?> pair : map.entrySet()) {
                h += mix(valueHash(pair.getKey()) * 31 + valueHash(pair.getValue()));
            }
            return mix(h);
        }
        if (value instanceof Set<?> set) {
            long h = 0x53;
            for (Object element : set) {
                h += valueHash(element);
            }
            return mix(h);
        }
        scratch.reset();
        kryo.writeClassAndObject(scratch, value);
        return hashBytes(scratch.getBuffer(), 0, scratch.position());
    }
}
