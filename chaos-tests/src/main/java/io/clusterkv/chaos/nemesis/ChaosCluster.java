package io.clusterkv.chaos.nemesis;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clusterkv.chaos.net.NetworkLab;
import io.clusterkv.chaos.workload.HttpKvClient;
import io.clusterkv.chaos.workload.NodeAddress;
import io.clusterkv.testsupport.NodeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The node processes of one chaos run, started by {@code bin/clusterkv}: n1..n<i>size</i> at first, up to
 * n<i>maxSize</i> as nodes join. Every node lists every possible node as an initial host and keeps its name, ports
 * and log file for the whole run, so a killed or departed node comes back as the same member. With a
 * {@link NetworkLab}, node n<i>i</i> runs in the lab's namespace n<i>i</i>, bound to its data address.
 *
 * <p>The cluster remembers which nodes are meant to be members (started, and not departed gracefully) and which are
 * paused; {@link #awaitHealthy} waits until every member runs, is ready and sees exactly the members. Methods may
 * be called from several nemesis threads; each node is acted on by one nemesis at a time.
 */
public final class ChaosCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChaosCluster.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Layout layout;
    private final Map<String, NodeProcess.Builder> builders = new LinkedHashMap<>();
    private final Map<String, NodeAddress> addresses = new LinkedHashMap<>();
    private final Map<String, NodeProcess> processes = new ConcurrentHashMap<>();
    private final Set<String> members = ConcurrentHashMap.newKeySet();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final HttpKvClient http = new HttpKvClient(STATUS_TIMEOUT);

    /**
     * How the cluster is laid out.
     *
     * @param clusterName the JGroups cluster name (unique per run, so runs never meet)
     * @param size        how many nodes start
     * @param maxSize     how many nodes may exist, counting those that join later
     * @param flags       flags every node gets, e.g. {@code --expected-size 3}
     * @param logs        the directory of the nodes' logs
     * @param lab         the network lab the nodes run in, or null for loopback
     */
    public record Layout(String clusterName, int size, int maxSize, List<String> flags, Path logs,
                         @Nullable NetworkLab lab) {

        /**
         * @throws IllegalArgumentException if the sizes are out of order, or the lab has fewer nodes than maxSize
         */
        public Layout {
            Objects.requireNonNull(clusterName, "cluster name cannot be null");
            flags = List.copyOf(flags);
            Objects.requireNonNull(logs, "log directory cannot be null");
            if (size < 1 || maxSize < size) {
                throw new IllegalArgumentException("need 1 <= size <= maxSize, got size " + size + " and maxSize "
                        + maxSize);
            }
            if (lab != null && lab.nodes().size() < maxSize) {
                throw new IllegalArgumentException("lab " + lab.runId() + " has " + lab.nodes().size()
                        + " namespaces, fewer than maxSize " + maxSize);
            }
        }
    }

    private ChaosCluster(Layout layout) {
        this.layout = layout;
        List<NodeProcess.Builder> all = new ArrayList<>();
        for (int i = 1; i <= layout.maxSize(); i++) {
            String name = "n" + i;
            NodeProcess.Builder builder = NodeProcess.builder(name, layout.clusterName(), layout.logs())
                    .flags(layout.flags().toArray(String[]::new));
            if (layout.lab() != null) {
                builder.host(layout.lab().nodeAddress(name)).runUnder(layout.lab().execPrefix(name));
            }
            builders.put(name, builder);
            all.add(builder);
        }
        List<String> hosts = all.stream().map(NodeProcess.Builder::jgroupsAddress).toList();
        all.forEach(builder -> builder.initialHosts(hosts));
        builders.forEach((name, builder) -> {
            NodeProcess described = builder.build();
            addresses.put(name, new NodeAddress(name, described.host(), described.respPort(), described.httpPort()));
        });
    }

    /**
     * Starts n1 alone (so it is the first coordinator), then the others at once, and waits until all are ready and
     * see each other.
     *
     * @return the running cluster; close it when done
     * @throws RecoveryTimeoutException if the cluster does not form in time (the nodes are stopped)
     */
    public static ChaosCluster start(Layout layout) {
        ChaosCluster cluster = new ChaosCluster(layout);
        try {
            cluster.join("n1");
            cluster.awaitReady("n1", START_TIMEOUT);
            for (int i = 2; i <= layout.size(); i++) {
                cluster.join("n" + i);
            }
            cluster.awaitHealthy(START_TIMEOUT);
            return cluster;
        } catch (RuntimeException failure) {
            cluster.close();
            throw failure;
        }
    }

    /** @return the nodes meant to be in the cluster now (started and not departed), in name order */
    public List<String> members() {
        return members.stream().sorted(Comparator.comparingInt(ChaosCluster::number)).toList();
    }

    /** @return the members that run and are not paused */
    public List<String> running() {
        return members().stream().filter(this::isRunning).toList();
    }

    /** @return whether the node's process runs and is not paused */
    public boolean isRunning(String node) {
        NodeProcess process = processes.get(node);
        return process != null && process.isAlive() && !paused.contains(node);
    }

    /** @return where clients reach the node */
    public NodeAddress address(String node) {
        NodeAddress address = addresses.get(node);
        if (address == null) {
            throw new IllegalArgumentException("no node " + node + " in this cluster; it has " + addresses.keySet());
        }
        return address;
    }

    /** @return the node's log file (kept across restarts) */
    public Path logFile(String node) {
        return layout.logs().resolve(node + ".log");
    }

    /** @return the lab the nodes run in, if any */
    public Optional<NetworkLab> lab() {
        return Optional.ofNullable(layout.lab());
    }

    /** SIGKILL: the node crashes; it stays a member, to be restarted. */
    public void kill(String node) {
        process(node).kill();
        paused.remove(node);
    }

    /** Starts a killed member again, with the same name and ports; does not wait for it to be ready. */
    public void restart(String node) {
        requireMember(node);
        if (process(node).isAlive()) {
            throw new IllegalStateException(node + " still runs; kill it or let it leave first");
        }
        processes.put(node, builder(node).build().start());
    }

    /** SIGSTOP. */
    public void pause(String node) {
        process(node).pause();
        paused.add(node);
    }

    /** SIGCONT. */
    public void resume(String node) {
        process(node).resume();
        paused.remove(node);
    }

    /**
     * SIGTERM: the node leaves the cluster gracefully and exits; it is no longer a member.
     *
     * @return its exit status (0 for a clean leave)
     */
    public int leave(String node) {
        NodeProcess process = process(node);
        process.terminate();
        int status = process.awaitExit(EXIT_TIMEOUT);
        members.remove(node);
        return status;
    }

    /** Starts a node that is not running (new, or departed) and makes it a member; does not wait for it. */
    public void join(String node) {
        NodeProcess current = processes.get(node);
        if (current != null && current.isAlive()) {
            throw new IllegalStateException(node + " already runs");
        }
        processes.put(node, builder(node).build().start());
        members.add(node);
    }

    /**
     * @return the node's {@code /cluster} document, or null if it is not running or does not answer quickly
     */
    public @Nullable JsonNode status(String node) {
        return isRunning(node) ? http.cluster(address(node), STATUS_TIMEOUT) : null;
    }

    /** @return the coordinator most running members name, if any answers */
    public Optional<String> coordinator() {
        Map<String, Integer> votes = new HashMap<>();
        for (String node : running()) {
            JsonNode status = status(node);
            if (status != null && status.hasNonNull("coordinator")) {
                votes.merge(status.get("coordinator").asText(), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** @return the applied index the node reports, or -1 if it does not answer */
    public long appliedIndex(String node) {
        JsonNode status = status(node);
        return status == null ? -1 : status.get("applied_index").asLong();
    }

    /** @return the members the node sees, empty if it does not answer */
    public Set<String> membersSeenBy(String node) {
        JsonNode status = status(node);
        Set<String> seen = new TreeSet<>();
        if (status != null) {
            status.get("members").forEach(member -> seen.add(member.asText()));
        }
        return seen;
    }

    /**
     * Waits until a node answers ready.
     *
     * @throws RecoveryTimeoutException if it does not in time
     */
    public void awaitReady(String node, Duration timeout) {
        awaitOrExplain(node + " ready", timeout, () -> {
            requireAliveOrExplain(node);
            JsonNode status = status(node);
            return status != null && status.get("ready").asBoolean();
        });
    }

    /**
     * Waits until the cluster is whole: every member runs, is ready, has quorum and sees exactly the members.
     *
     * @throws RecoveryTimeoutException if it is not in time; the message has every member's state
     */
    public void awaitHealthy(Duration timeout) {
        awaitOrExplain("every member of " + members() + " up, ready, with quorum, seeing exactly the members",
                timeout, () -> {
                    Set<String> expected = new HashSet<>(members());
                    return expected.stream().allMatch(node -> healthy(node, expected));
                });
    }

    private boolean healthy(String node, Set<String> expected) {
        JsonNode status = status(node);
        if (status == null || !status.get("ready").asBoolean() || !status.path("quorum").asBoolean(true)) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        status.get("members").forEach(member -> seen.add(member.asText()));
        return seen.equals(expected);
    }

    private void requireAliveOrExplain(String node) {
        NodeProcess process = process(node);
        if (!process.isAlive()) {
            throw new RecoveryTimeoutException(node + " exited with " + process.exitCode() + "; log "
                    + logFile(node) + ":\n" + process.logTail());
        }
    }

    /**
     * Waits for a condition, turning a timeout into a {@link RecoveryTimeoutException} that describes each member.
     */
    public void awaitOrExplain(String what, Duration timeout, Callable<Boolean> condition) {
        try {
            await(what).atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO).until(condition);
        } catch (ConditionTimeoutException timedOut) {
            throw new RecoveryTimeoutException("not within " + timeout.toSeconds() + " s: " + what + "\n"
                    + describeMembers());
        }
    }

    /** @return one line per member: whether it runs, what {@code /cluster} says, where its log is */
    public String describeMembers() {
        Function<String, String> line = node -> {
            NodeProcess process = processes.get(node);
            String state = process == null ? "never started" : !process.isAlive() ? "exited " + process.exitCode()
                    : paused.contains(node) ? "paused" : String.valueOf(status(node));
            return "  " + node + ": " + state + " (log " + logFile(node) + ")";
        };
        return members().stream().map(line).collect(Collectors.joining("\n"));
    }

    /** Undoes every process fault left over: resumes paused members and starts members that are not running. */
    public void healProcesses() {
        for (String node : members()) {
            if (paused.contains(node)) {
                resume(node);
            }
            NodeProcess process = processes.get(node);
            if (process == null || !process.isAlive()) {
                LOG.log(System.Logger.Level.INFO, "starting {0} again after the schedule", node);
                processes.put(node, builder(node).build().start());
            }
        }
    }

    private NodeProcess process(String node) {
        NodeProcess process = processes.get(node);
        if (process == null) {
            throw new IllegalArgumentException(node + " was never started; started: " + processes.keySet());
        }
        return process;
    }

    private NodeProcess.Builder builder(String node) {
        NodeProcess.Builder builder = builders.get(node);
        if (builder == null) {
            throw new IllegalArgumentException("no node " + node + " in this cluster; it has " + builders.keySet());
        }
        return builder;
    }

    private void requireMember(String node) {
        if (!members.contains(node)) {
            throw new IllegalStateException(node + " is not a member; members: " + members());
        }
    }

    private static int number(String node) {
        return Integer.parseInt(node.substring(1));
    }

    /** Kills every node process (paused ones included). */
    @Override
    public void close() {
        processes.values().forEach(NodeProcess::close);
    }
}
