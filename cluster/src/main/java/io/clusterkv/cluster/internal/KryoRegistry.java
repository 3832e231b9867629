package io.clusterkv.cluster.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The Kryo instances of a node. Registration is always required: a class that is not registered is refused both
 * when writing and when reading, so bytes from the network can only ever build the JDK value types listed here and
 * the classes the user registered. Ids are fixed for the built-in types and follow the sorted class names for user
 * classes, so every node with the same registration list agrees on them whatever order the list is given in.
 */
public final class KryoRegistry {
    private static final int FIRST_USER_ID = 100;

    private static final List<Class<?>> BUILT_IN = List.of(
        byte[].class, int[].class, long[].class, double[].class, float[].class, short[].class, char[].class,
        boolean[].class, String[].class, Object[].class,
        ArrayList.class, LinkedList.class, HashMap.class, LinkedHashMap.class, TreeMap.class, HashSet.class,
        LinkedHashSet.class, TreeSet.class, BigInteger.class, BigDecimal.class,
        java.time.Instant.class, java.time.LocalDate.class, java.time.LocalDateTime.class,
        java.time.LocalTime.class, java.time.Duration.class, java.time.ZonedDateTime.class,
        java.time.OffsetDateTime.class, java.time.ZoneOffset.class);

    private final List<Class<?>> userClasses;
    private final Pool<Kryo> pool;

    /** @param userClasses the application's value classes; every node must register the same ones */
    public KryoRegistry(Collection<Class<?>> userClasses) {
        List<Class<?>> sorted = new ArrayList<>(new LinkedHashSet<>(userClasses));
        sorted.sort(Comparator.comparing(Class::getName));
        this.userClasses = List.copyOf(sorted);
        this.pool = new Pool<>(true, false, 64) {
            @Override
            protected Kryo create() {
                return newKryo();
            }
        };
    }

    /** @return a new Kryo with every registration; not thread-safe */
    public Kryo newKryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        int id = 20;
        for (Class<?> type : BUILT_IN) {
            kryo.register(type, id++);
        }
        // List.of, Map.of, Set.of: the JDK's immutable collections, which have no public classes to register.
        ImmutableCollectionsSerializers.registerSerializers(kryo);
        kryo.register(Arrays.asList().getClass(), id++);
        kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer(), id++);
        id = FIRST_USER_ID;
        for (Class<?> type : userClasses) {
            kryo.register(type, id++);
        }
        return kryo;
    }

    /** @return a pooled Kryo; give it back with {@link #release} */
    public Kryo obtain() {
        return pool.obtain();
    }

    /** Returns a Kryo obtained from {@link #obtain}. */
    public void release(Kryo kryo) {
        pool.free(kryo);
    }

    /** @return the registered user classes, sorted by name */
    public List<Class<?>> userClasses() {
        return userClasses;
    }

    /** @return a fingerprint of the user registrations, equal on nodes that registered the same classes */
    public long fingerprint() {
        long hash = 1125899906842597L;
        for (Class<?> type : userClasses) {
            hash = 31 * hash + type.getName().hashCode();
        }
        return hash;
    }
}
