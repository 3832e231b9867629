package io.clusterkv.benchmarks.replicated;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.infinispan.AdvancedCache;
import org.infinispan.commons.util.Version;
import org.infinispan.context.Flag;
import org.infinispan.manager.DefaultCacheManager;

/**
 * Infinispan, embedded: one {@link DefaultCacheManager} per node in this JVM, each with a replicated cache in
 * synchronous mode ({@code REPL_SYNC}), non-transactional, no persistence, statistics off. JGroups runs Infinispan's
 * own {@code tcp} stack with its multicast discovery (MPING) replaced by TCPPING on the nodes' 127.0.0.1 ports, so
 * nothing leaves the machine. A write returns once the key's primary owner applied it and every other node
 * acknowledged it.
 *
 * <ul>
 *   <li>set: {@code put} with {@code IGNORE_RETURN_VALUES} (the idiomatic write when the previous value is not
 *       wanted: no old value travels back);</li>
 *   <li>increment: {@code cache.merge(key, 1L, AddLong)}, run atomically under the key's lock on its primary owner;
 *       the function is marshalled with ProtoStream ({@link InfinispanSchema});</li>
 *   <li>mset: {@code putAll} of the three keys with {@code IGNORE_RETURN_VALUES}. Without a transaction it is not
 *       atomic across keys: each key is written by its own primary owner, and a reader can see some keys changed
 *       and others not.</li>
 * </ul>
 */
public final class InfinispanSystem implements ReplicatedSystem {
    private static final String CACHE = "kv";
    private static final AddLong ADD = new AddLong();
    private static final Long ONE = 1L;

    private final List<DefaultCacheManager> managers = new ArrayList<>();
    private final List<AdvancedCache<String, Object>> caches = new ArrayList<>();
    private final List<AdvancedCache<String, Object>> writeOnly = new ArrayList<>();

    /** @param id {@code infinispan} */
    public InfinispanSystem(String id) {
        if (!id.equals("infinispan")) {
            throw new IllegalArgumentException("not an Infinispan system: " + id);
        }
    }

    @Override
    public String name() {
        return "Infinispan (REPL_SYNC)";
    }

    @Override
    public String description() {
        return "infinispan: Infinispan " + Version.getVersion() + " embedded on JGroups "
            + org.jgroups.Version.printVersion() + ", replicated cache REPL_SYNC, non-transactional, TCP on 127.0.0.1 "
            + "(Infinispan's tcp stack, TCPPING instead of MPING)";
    }

    @Override
    public void start(int nodeCount) {
        String cluster = "bench-" + UUID.randomUUID();
        int[] ports = LoopbackPorts.free(nodeCount, 100);
        String hosts = Arrays.stream(ports).mapToObj(port -> LoopbackPorts.HOST + "[" + port + "]")
            .collect(Collectors.joining(","));
        for (int i = 0; i < nodeCount; i++) {
            DefaultCacheManager manager = newManager(configuration(cluster, "n" + (i + 1), ports[i], hosts));
            managers.add(manager);
            AdvancedCache<String, Object> cache = manager.<String, Object>getCache(CACHE).getAdvancedCache();
            caches.add(cache);
            writeOnly.add(cache.withFlags(Flag.IGNORE_RETURN_VALUES));
        }
        for (DefaultCacheManager manager : managers) {
            if (manager.getMembers().size() != nodeCount) {
                throw new IllegalStateException("Infinispan node " + manager.getAddress() + " sees "
                    + manager.getMembers() + ", not " + nodeCount + " nodes");
            }
        }
    }

    private static DefaultCacheManager newManager(String xml) {
        try {
            return new DefaultCacheManager(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), true);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String configuration(String cluster, String node, int port, String hosts) {
        return """
            <infinispan xmlns="urn:infinispan:config:15.2" xmlns:ispn="urn:infinispan:config:15.2">
              <jgroups>
                <stack name="loopback" extends="tcp">
                  <TCP xmlns="urn:org:jgroups" bind_addr="%1$s" bind_port="%2$d" port_range="0"
                       ispn:stack.combine="COMBINE"/>
                  <TCPPING xmlns="urn:org:jgroups" initial_hosts="%3$s" port_range="0"
                           ispn:stack.combine="REPLACE" ispn:stack.position="MPING"/>
                  <FD_SOCK2 xmlns="urn:org:jgroups" offset="100" ispn:stack.combine="COMBINE"/>
                </stack>
              </jgroups>
              <cache-container name="bench" statistics="false">
                <transport cluster="%4$s" node-name="%5$s" stack="loopback"/>
                <serialization>
                  <context-initializer class="%6$s"/>
                </serialization>
                <replicated-cache name="%7$s" mode="SYNC" statistics="false"/>
              </cache-container>
            </infinispan>
            """.formatted(LoopbackPorts.HOST, port, hosts, cluster, node, InfinispanSchema.class.getName() + "Impl",
            CACHE);
    }

    @Override
    public void set(int node, String key, byte[] value) {
        writeOnly.get(node).put(key, value);
    }

    @Override
    public long increment(int node, String key) {
        return (Long) caches.get(node).merge(key, ONE, ADD);
    }

    @Override
    public void mset(int node, Map<String, ?> pairs) {
        writeOnly.get(node).putAll(pairs);
    }

    @Override
    public void close() {
        for (int i = managers.size() - 1; i >= 0; i--) {
            managers.get(i).stop();
        }
        managers.clear();
        caches.clear();
        writeOnly.clear();
    }
}
