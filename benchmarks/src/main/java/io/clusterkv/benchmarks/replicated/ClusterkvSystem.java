package io.clusterkv.benchmarks.replicated;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.JGroupsStack;
import io.clusterkv.core.KvStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jgroups.Version;

/**
 * clusterkv: {@link ClusterNode}s in this JVM with their defaults (batching on, the {@code none} partition policy: a
 * write is acknowledged once applied on its node, after the coordinator ordered it). The id's suffixes change one
 * setting each:
 *
 * <ul>
 *   <li>{@code -majority}: {@code expectedSize(nodes)}, hence the majority policy: a write is acknowledged once a
 *       majority of the nodes applied it, the counterpart of the competitors' synchronous replication;</li>
 *   <li>{@code -unbatched}: one JGroups message per write;</li>
 *   <li>{@code -shared-loopback}: JGroups' in-JVM transport instead of TCP on 127.0.0.1 (the transport of the fast
 *       tests; the competitors always use TCP);</li>
 *   <li>{@code -nodelay}: {@link JGroupsStack#tcp} with {@code tcp_nodelay="true"} added to its TCP protocol, unless
 *       it sets it already. JGroups' TCP defaults to false (Nagle's algorithm on); Infinispan's stack sets it to
 *       true, and Hazelcast's TCP sockets have it on by default.</li>
 * </ul>
 *
 * set is {@code set}, increment is {@code increment} (ordered like every write, so atomic), mset is {@code mset}
 * (one command: all keys change at one point of the order on every node).
 */
public final class ClusterkvSystem implements ReplicatedSystem {
    private final String id;
    private final boolean majority;
    private final boolean batching;
    private final boolean sharedLoopback;
    private final boolean noDelay;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final List<KvStore> stores = new ArrayList<>();

    /**
     * @param id {@code clusterkv} and optional suffixes (see the class comment)
     * @throws IllegalArgumentException for an unknown suffix
     */
    public ClusterkvSystem(String id) {
        List<String> options = Arrays.asList(id.replace("shared-loopback", "sharedloopback").split("-"));
        for (String option : options.subList(1, options.size())) {
            if (!List.of("majority", "unbatched", "sharedloopback", "nodelay").contains(option)) {
                throw new IllegalArgumentException("unknown clusterkv option '" + option + "' in '" + id + "'");
            }
        }
        this.id = id;
        this.majority = options.contains("majority");
        this.batching = !options.contains("unbatched");
        this.sharedLoopback = options.contains("sharedloopback");
        this.noDelay = options.contains("nodelay");
        if (sharedLoopback && noDelay) {
            throw new IllegalArgumentException("-nodelay is a TCP setting; the shared loopback has no sockets: " + id);
        }
    }

    @Override
    public String name() {
        List<String> settings = new ArrayList<>();
        settings.add(majority ? "majority" : "defaults");
        if (!batching) {
            settings.add("unbatched");
        }
        if (sharedLoopback) {
            settings.add("shared loopback");
        }
        if (noDelay) {
            settings.add("tcp_nodelay");
        }
        return "clusterkv (" + String.join(", ", settings) + ")";
    }

    @Override
    public String description() {
        return id + ": clusterkv on JGroups " + Version.printVersion() + ", "
            + (sharedLoopback ? "in-JVM SHARED_LOOPBACK" : "TCP on 127.0.0.1 with TCPPING, tcp_nodelay "
            + (noDelay || tcpNoDelay(JGroupsStack.tcp(LoopbackPorts.HOST, 7800, 0, List.of()))
            ? "true" : "false (JGroups' default)")) + ", batching "
            + (batching ? "on" : "off") + ", " + (majority ? "majority policy (expectedSize "
            + "= nodes): acknowledged once a majority applied the write" : "none policy: acknowledged once applied "
            + "on the caller's node");
    }

    @Override
    public void start(int nodeCount) {
        String cluster = "bench-" + UUID.randomUUID();
        int[] ports = LoopbackPorts.free(nodeCount, 100);
        List<String> hosts = Arrays.stream(ports).mapToObj(port -> LoopbackPorts.HOST + ":" + port)
            .collect(Collectors.toList());
        for (int i = 0; i < nodeCount; i++) {
            ClusterNode.Builder builder = ClusterNode.builder().clusterName(cluster).nodeName("n" + (i + 1))
                .batching(batching)
                .stack(stack(ports[i], hosts));
            if (majority) {
                builder.expectedSize(nodeCount);
            }
            ClusterNode node = builder.start();
            nodes.add(node);
            stores.add(node.store());
        }
    }

    private JGroupsStack stack(int port, List<String> hosts) {
        if (sharedLoopback) {
            return JGroupsStack.sharedLoopback();
        }
        JGroupsStack tcp = JGroupsStack.tcp(LoopbackPorts.HOST, port, 0, hosts);
        if (!noDelay || tcpNoDelay(tcp)) {
            return tcp;
        }
        String xml = tcp.xml().replaceFirst("<TCP ", "<TCP tcp_nodelay=\"true\" ");
        if (xml.equals(tcp.xml())) {
            throw new IllegalStateException("JGroupsStack.tcp has no <TCP element to add tcp_nodelay to");
        }
        return JGroupsStack.fromXml(tcp + ", tcp_nodelay", xml);
    }

    /** @return whether the stack's TCP protocol already sets {@code tcp_nodelay="true"} */
    private static boolean tcpNoDelay(JGroupsStack stack) {
        return stack.xml().contains("tcp_nodelay=\"true\"");
    }

    @Override
    public void set(int node, String key, byte[] value) {
        stores.get(node).set(key, value);
    }

    @Override
    public long increment(int node, String key) {
        return stores.get(node).increment(key);
    }

    @Override
    public void mset(int node, Map<String, ?> pairs) {
        stores.get(node).mset(pairs);
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        stores.clear();
    }
}
