package io.clusterkv.benchmarks.replicated;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The systems the comparison knows, by id. Each is created by reflection so that a JVM running one system never
 * loads another's classes: Infinispan's JVM has no clusterkv and a different JGroups on its classpath.
 */
public final class Systems {

    /**
     * @param id             as given to {@code --systems}, e.g. {@code clusterkv-majority}
     * @param classpath      which classpath file the forked JVM runs on ({@code clusterkv}, {@code infinispan},
     *                       {@code hazelcast})
     * @param implementation the {@link ReplicatedSystem} class, created with the id as its only argument
     */
    public record Known(String id, String classpath, String implementation) {
    }

    /** The default comparison, in the order it runs. */
    public static final List<String> DEFAULT = List.of("clusterkv", "clusterkv-majority", "infinispan",
        "hazelcast-imap", "hazelcast-replicatedmap", "clusterkv-nodelay", "clusterkv-majority-nodelay");

    private Systems() {
    }

    /**
     * @return what runs the system of this id; clusterkv ids are {@code clusterkv} followed by any of
     *     {@code -majority}, {@code -unbatched}, {@code -shared-loopback}, {@code -nodelay};
     *     {@code clusterkv-processes[-majority]} runs node processes started by {@code bin/clusterkv}
     * @throws IllegalArgumentException if the id names no system
     */
    public static Known known(String id) {
        String pkg = Systems.class.getPackageName() + ".";
        if (id.equals("clusterkv-processes") || id.equals("clusterkv-processes-majority")) {
            return new Known(id, "clusterkv", pkg + "ClusterkvProcessSystem");
        }
        if (id.equals("clusterkv") || id.startsWith("clusterkv-")) {
            return new Known(id, "clusterkv", pkg + "ClusterkvSystem");
        }
        return switch (id) {
            case "infinispan" -> new Known(id, "infinispan", pkg + "InfinispanSystem");
            case "hazelcast-imap", "hazelcast-replicatedmap" -> new Known(id, "hazelcast", pkg + "HazelcastSystem");
            default -> throw new IllegalArgumentException("unknown system '" + id + "': clusterkv[-majority]"
                + "[-unbatched][-shared-loopback|-nodelay], clusterkv-processes[-majority], infinispan, hazelcast-imap or hazelcast-replicatedmap");
        };
    }

    /**
     * @return a new, unstarted system of this id
     * @throws IllegalArgumentException if the id names no system
     * @throws IllegalStateException    if its classes are not on this JVM's classpath
     */
    public static ReplicatedSystem create(String id) {
        Known known = known(id);
        try {
            return (ReplicatedSystem) Class.forName(known.implementation()).getConstructor(String.class)
                .newInstance(id);
        } catch (InvocationTargetException failure) {
            if (failure.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot create " + id + ": " + failure.getCause(), failure.getCause());
        } catch (ReflectiveOperationException | LinkageError failure) {
            throw new IllegalStateException("cannot create " + id + " (is this JVM on its '" + known.classpath()
                + "' classpath?): " + failure, failure);
        }
    }
}
