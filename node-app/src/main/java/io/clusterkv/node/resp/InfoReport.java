package io.clusterkv.node.resp;

import io.clusterkv.cluster.ClusterNode;
import io.clusterkv.cluster.ClusterView;
import io.clusterkv.cluster.StateDigest;
import io.clusterkv.core.AsyncKvStore;
import io.clusterkv.core.KvStats;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The text of INFO: Redis' sections and field names where clients and tools read them (redis_version,
 * connected_clients, keyspace_hits, db0:keys=...), and clusterkv's own fields (clusterkv_version, the cluster's
 * members, coordinator and state digest) in the sections they belong to.
 */
final class InfoReport {
    /** The sections, in Redis' order; INFO without argument, "all", "default" and "everything" give them all. */
    private static final List<String> SECTIONS = List.of("server", "clients", "persistence", "stats", "replication",
        "cluster", "keyspace");
    private static final Set<String> ALL_SECTIONS = Set.of("all", "default", "everything");

    private final RespServer server;
    private final @Nullable AsyncKvStore store;
    private @Nullable KvStats stats;

    private InfoReport(RespServer server, @Nullable AsyncKvStore store) {
        this.server = server;
        this.store = store;
    }

    /**
     * @param requested the sections asked for, in any case; empty for all
     * @return the report of the known sections among them (empty if none is known, as Redis answers)
     */
    static String of(RespServer server, @Nullable AsyncKvStore store, List<String> requested) {
        return new InfoReport(server, store).render(selected(requested));
    }

    private static Set<String> selected(List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : requested) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        if (names.isEmpty() || names.stream().anyMatch(ALL_SECTIONS::contains)) {
            return new LinkedHashSet<>(SECTIONS);
        }
        return names;
    }

    private String render(Set<String> names) {
        StringBuilder text = new StringBuilder();
        for (String section : SECTIONS) {
            if (names.contains(section)) {
                if (!text.isEmpty()) {
                    text.append("\r\n");
                }
                text.append("# ").append(Character.toUpperCase(section.charAt(0))).append(section.substring(1))
                    .append("\r\n");
                section(section, (field, value) -> text.append(field).append(':').append(value).append("\r\n"));
            }
        }
        return text.toString();
    }

    private void section(String name, BiConsumer<String, Object> field) {
        switch (name) {
            case "server" -> server(field);
            case "clients" -> clients(field);
            case "persistence" -> field.accept("loading", store == null ? 1 : 0);
            case "stats" -> stats(field);
            case "replication" -> replication(field);
            case "cluster" -> cluster(field);
            case "keyspace" -> keyspace(field);
            default -> throw new IllegalArgumentException("no INFO section " + name);
        }
    }

    private void server(BiConsumer<String, Object> field) {
        long uptimeSeconds = (server.clock().millis() - server.startedAtMillis()) / 1000;
        field.accept("redis_version", ConnectionCommands.REDIS_VERSION);
        field.accept("clusterkv_version", clusterkvVersion());
        field.accept("redis_mode", "standalone");
        field.accept("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        field.accept("arch_bits", System.getProperty("os.arch", "").contains("64") ? 64 : 32);
        field.accept("java_version", Runtime.version());
        field.accept("process_id", ProcessHandle.current().pid());
        field.accept("run_id", server.runId());
        field.accept("tcp_port", server.settings().respPort());
        field.accept("server_time_usec", server.clock().millis() * 1000);
        field.accept("uptime_in_seconds", uptimeSeconds);
        field.accept("uptime_in_days", uptimeSeconds / 86_400);
    }

    private void clients(BiConsumer<String, Object> field) {
        field.accept("connected_clients", server.metrics().connections());
        field.accept("blocked_clients", 0);
    }

    private void stats(BiConsumer<String, Object> field) {
        KvStats kv = stats();
        field.accept("total_connections_received", server.metrics().connectionsAccepted());
        field.accept("total_commands_processed", server.metrics().commands());
        field.accept("keyspace_hits", kv == null ? 0 : kv.hits());
        field.accept("keyspace_misses", kv == null ? 0 : kv.misses());
        field.accept("expired_keys", kv == null ? 0 : kv.expirations());
    }

    private static void replication(BiConsumer<String, Object> field) {
        // Every node holds a full replica and takes writes; to Redis clients each one is a master.
        field.accept("role", "master");
        field.accept("connected_slaves", 0);
    }

    private void cluster(BiConsumer<String, Object> field) {
        field.accept("cluster_enabled", 0);
        ClusterNode node = server.cluster();
        if (node == null) {
            field.accept("clusterkv_ready", 0);
            return;
        }
        ClusterView view = node.view();
        StateDigest digest = node.digest();
        field.accept("clusterkv_node", view.self());
        field.accept("clusterkv_ready", view.ready() ? 1 : 0);
        field.accept("clusterkv_view_id", view.viewId());
        field.accept("clusterkv_members", view.members().size());
        field.accept("clusterkv_member_names", String.join(",", view.members()));
        field.accept("clusterkv_coordinator", view.coordinator());
        field.accept("clusterkv_quorum", view.quorum() ? 1 : 0);
        field.accept("clusterkv_partition_policy", view.policy().name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', '-'));
        field.accept("clusterkv_stable_members", String.join(",", view.stableMembers()));
        field.accept("clusterkv_applied_index", digest.appliedIndex());
        field.accept("clusterkv_state_digest", Long.toHexString(digest.digest()));
        field.accept("clusterkv_entries", digest.entries());
    }

    /** Redis lists a database only when it holds keys. */
    private void keyspace(BiConsumer<String, Object> field) {
        KvStats kv = stats();
        if (kv != null && kv.activeKeys() > 0) {
            long liveWithTtl = kv.keysWithTtl() - kv.expiredKeys();
            field.accept("db0", "keys=" + kv.activeKeys() + ",expires=" + liveWithTtl + ",avg_ttl=0");
        }
    }

    /** One pass over the store serves both sections that need it. */
    private @Nullable KvStats stats() {
        if (stats == null && store != null) {
            stats = store.stats();
        }
        return stats;
    }

    private static String clusterkvVersion() {
        String version = InfoReport.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
