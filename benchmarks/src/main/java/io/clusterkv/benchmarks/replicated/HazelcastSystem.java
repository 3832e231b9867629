package io.clusterkv.benchmarks.replicated;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.BuildInfoProvider;
import com.hazelcast.map.IMap;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Hazelcast, embedded: one member per node in this JVM, joined by TCP-IP on their 127.0.0.1 ports (multicast,
 * auto-detection and phone-home off, so nothing leaves the machine), default settings otherwise. Two data
 * structures, one per id:
 *
 * <ul>
 *   <li>{@code hazelcast-imap}: an {@link IMap} with one synchronous backup (the default {@code backup-count 1},
 *       no async backups), in-memory format BINARY. Each entry lives on its partition's owner and one backup: two of
 *       the three members, not all. A write returns once the owner applied it and the backup acknowledged it.
 *       set is {@code set} (no old value returned), increment is {@code executeOnKey} with {@link IncrementProcessor}
 *       (runs on the owner's partition thread, so atomic; the backup applies the same processor), mset is
 *       {@code putAll}, not atomic across keys (one operation per partition).</li>
 *   <li>{@code hazelcast-replicatedmap}: a {@link ReplicatedMap}, on every member. Its writes are applied locally
 *       and replicated <em>asynchronously</em>: a write returns before the other members have it, a weaker promise
 *       than the others'. set is {@code put}, mset is {@code putAll} (not atomic); increment has no counterpart.</li>
 * </ul>
 */
public final class HazelcastSystem implements ReplicatedSystem {
    private static final String MAP = "kv";
    private static final String REPLICATED_MAP = "kv-replicated";

    private final boolean replicatedMap;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<IMap<String, Object>> maps = new ArrayList<>();
    private final List<ReplicatedMap<String, Object>> replicatedMaps = new ArrayList<>();

    /**
     * @param id {@code hazelcast-imap} or {@code hazelcast-replicatedmap}
     * @throws IllegalArgumentException for any other id
     */
    public HazelcastSystem(String id) {
        this.replicatedMap = switch (id) {
            case "hazelcast-imap" -> false;
            case "hazelcast-replicatedmap" -> true;
            default -> throw new IllegalArgumentException("not a Hazelcast system: " + id);
        };
        // Before the first member starts: log through SLF4J (WARN, as the rest of the harness), never call home
        System.setProperty("hazelcast.logging.type", "slf4j");
        System.setProperty("hazelcast.phone.home.enabled", "false");
    }

    @Override
    public String name() {
        return replicatedMap ? "Hazelcast ReplicatedMap" : "Hazelcast IMap (1 sync backup)";
    }

    @Override
    public String description() {
        String version = BuildInfoProvider.getBuildInfo().getVersion();
        return replicatedMap
            ? "hazelcast-replicatedmap: Hazelcast " + version + " ReplicatedMap (asynchronous replication to every "
                + "member), TCP-IP join on 127.0.0.1"
            : "hazelcast-imap: Hazelcast " + version + " IMap, backup-count 1 (synchronous), async-backup-count 0, "
                + "BINARY, TCP-IP join on 127.0.0.1";
    }

    @Override
    public Optional<String> unsupported(Operation operation) {
        if (replicatedMap && operation == Operation.INCREMENT) {
            return Optional.of("ReplicatedMap has no atomic read-modify-write: no entry processors, no compute, "
                + "no replace(key, old, new)");
        }
        return Optional.empty();
    }

    @Override
    public void start(int nodeCount) {
        String cluster = "bench-" + UUID.randomUUID();
        int[] ports = LoopbackPorts.free(nodeCount, 0);
        List<String> addresses = Arrays.stream(ports).mapToObj(port -> LoopbackPorts.HOST + ":" + port)
            .collect(Collectors.toList());
        for (int i = 0; i < nodeCount; i++) {
            HazelcastInstance member = Hazelcast.newHazelcastInstance(config(cluster, "n" + (i + 1), ports[i],
                addresses));
            members.add(member);
            maps.add(member.getMap(MAP));
            replicatedMaps.add(member.getReplicatedMap(REPLICATED_MAP));
        }
        awaitCluster(nodeCount);
    }

    private static Config config(String cluster, String name, int port, List<String> addresses) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setInstanceName(name + "-" + cluster);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", LoopbackPorts.HOST);
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(LoopbackPorts.HOST);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(addresses);
        config.getMapConfig(MAP).setBackupCount(1).setAsyncBackupCount(0).setInMemoryFormat(InMemoryFormat.BINARY);
        config.getSerializationConfig().addDataSerializableFactory(IncrementProcessor.FACTORY_ID,
            IncrementProcessor.FACTORY);
        return config;
    }

    private void awaitCluster(int nodeCount) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (HazelcastInstance member : members) {
            while (member.getCluster().getMembers().size() != nodeCount
                || !member.getPartitionService().isClusterSafe()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Hazelcast member " + member.getName() + " sees "
                        + member.getCluster().getMembers() + " and is not safe after 60 s");
                }
                sleepBriefly();
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Hazelcast cluster", interrupted);
        }
    }

    @Override
    public void set(int node, String key, byte[] value) {
        if (replicatedMap) {
            replicatedMaps.get(node).put(key, value);
        } else {
            maps.get(node).set(key, value);
        }
    }

    @Override
    public long increment(int node, String key) {
        if (replicatedMap) {
            throw new UnsupportedOperationException(unsupported(Operation.INCREMENT).orElseThrow());
        }
        return maps.get(node).executeOnKey(key, IncrementProcessor.INSTANCE);
    }

    @Override
    public void mset(int node, Map<String, ?> pairs) {
        if (replicatedMap) {
            replicatedMaps.get(node).putAll(pairs);
        } else {
            maps.get(node).putAll(pairs);
        }
    }

    @Override
    public void close() {
        if (!members.isEmpty()) {
            // The whole cluster at once: members shut down one by one would first try to reconnect to each other
            members.get(0).getCluster().shutdown();
        }
        for (HazelcastInstance member : members) {
            member.shutdown();
        }
        members.clear();
        maps.clear();
        replicatedMaps.clear();
    }
}
