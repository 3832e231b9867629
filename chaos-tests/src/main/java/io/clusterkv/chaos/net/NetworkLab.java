package io.clusterkv.chaos.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * A set of Linux network namespaces, one per node, whose network a test cuts into partitions and heals, while the
 * test itself (in the root namespace) keeps reaching every node.
 *
 * <h2>Topology</h2>
 * Each node {@code n<i>} of lab {@code <run>} lives in namespace {@code ck-<run>-n<i>} with two veth pairs:
 * <pre>
 *                 root namespace (the test JVM)
 *   ck-run-data  (bridge, no address)            ck-run-mgmt  (bridge, 10.78.X.254/24; ports isolated)
 *     |           |           |                     |            |            |
 *   ck-run-d1   ck-run-d2   ck-run-d3             ck-run-m1    ck-run-m2    ck-run-m3
 *     |           |           |                     |            |            |
 *   data0       data0       data0                 mgmt0        mgmt0        mgmt0
 *   10.77.X.1   10.77.X.2   10.77.X.3             10.78.X.1    10.78.X.2    10.78.X.3
 *   (data0 and mgmt0 of node i are both in namespace ck-run-ni)
 * </pre>
 * <ul>
 *   <li>The <b>data network</b> carries the cluster: a node binds every endpoint to its data address
 *       ({@code --bind 10.77.X.i}). A partition gives each side its own bridge: the data links of the largest side
 *       stay on {@code ck-<run>-data}, those of every other side move to a bridge {@code ck-<run>-s<k>}. Frames
 *       between sides are dropped silently, as a split switch drops them: senders see timeouts, not errors, which
 *       is what failure detection must cope with in production. {@link #heal()} moves every link back.</li>
 *   <li>The <b>management network</b> is never cut. The root namespace reaches each node's data address over it
 *       (a host route {@code 10.77.X.i via 10.78.X.i}), so the test observes every node, minority members
 *       included, through the same HTTP and RESP endpoints that clients use. Its bridge ports are isolated, so
 *       nodes cannot reach each other over it; and a node only routes the data subnet over data0, so nothing of
 *       the cluster leaks across it even where the root namespace forwards packets.</li>
 * </ul>
 * Why not the alternatives: with one shared bridge, taking a node's link down also cuts it off from the test, and
 * only single nodes can be cut; putting the root namespace on every side's bridge needs the same address on several
 * interfaces and per-node routes rewritten on every partition. A veth pair per pair of nodes would allow
 * non-transitive cuts (n1-n2 cut while both reach n3), which the chaos suite does not schedule; it needs n(n-1)/2
 * links and routes restored after each cut.
 *
 * <h2>Moving between partitions</h2>
 * A change takes down every data link that moves, then re-attaches each to its new bridge and brings it up, so two
 * nodes that both the old and the new partition separate are never connected, not even for a moment (moving them
 * one by one could join n1 and n3 on the way from {n1}{n2,n3} to {n1,n2}{n3}). Nodes that move lose their data link
 * for the few milliseconds this takes.
 *
 * <h2>Ownership and cleanup</h2>
 * Every namespace and link of a lab is named {@code ck-<run>-...}, and {@link LabRegistry} records which process
 * owns each run. {@link #create} first removes labs whose owner is gone ({@link #cleanupStale()}), killing the node
 * processes a crashed test left in them; {@link #close()} removes everything the lab made, kills any process still
 * running inside it, and checks that nothing is left. A JVM shutdown hook closes labs a test forgot.
 *
 * <h2>Concurrency</h2>
 * All methods may be called from any thread (a nemesis thread partitions while the test reads addresses). Changes
 * of the topology are serialized on the lab; names and addresses never change.
 *
 * <p>Example:
 * <pre>{@code
 * assumeTrue(NetworkLab.availability().available(), NetworkLab.availability().reason());
 * try (NetworkLab lab = NetworkLab.create(3)) {
 *     NodeProcess n1 = NodeProcess.builder("n1", cluster, logs).host(lab.nodeAddress("n1"))
 *             .runUnder(lab.execPrefix("n1")).initialHosts(hosts).build().start();
 *     ...
 *     lab.isolate("n1");                               // or lab.partition(Set.of("n1"), Set.of("n2", "n3"))
 *     lab.heal();
 * }
 * }</pre>
 */
public final class NetworkLab implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NetworkLab.class.getName());
    private static final Set<NetworkLab> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SHUTDOWN_HOOK = new AtomicBoolean();
    private static Availability availability;

    private final LabNames names;
    private final List<String> nodes;
    /** The bridge each node's data link is on, by node index - 1; guarded by this. */
    private final String[] bridgeOf;
    /** Side bridges that exist; guarded by this. */
    private final Set<String> sideBridges = new HashSet<>();
    /** The current partition; guarded by this. */
    private List<Set<String>> sides;
    /** Guarded by this. */
    private boolean closed;

    private NetworkLab(LabNames names, int size) {
        this.names = names;
        this.nodes = IntStream.rangeClosed(1, size).mapToObj(i -> "n" + i).toList();
        this.bridgeOf = new String[size];
        this.sides = List.of(Collections.unmodifiableSet(new LinkedHashSet<>(nodes)));
    }

    /**
     * Checks, once per JVM, whether labs can be built here: Linux, root, iproute2, and a trial namespace with a
     * veth pair on a bridge and a command run inside it.
     *
     * @return whether labs work here, and if not, why
     */
    public static synchronized Availability availability() {
        if (availability == null) {
            availability = AvailabilityProbe.probe();
        }
        return availability;
    }

    /**
     * Builds a lab of {@code nodes} namespaces named after nodes n1..n{@code nodes}, all connected, after removing
     * the leftovers of labs whose owner is gone.
     *
     * @param nodes how many nodes, from 1 to 99
     * @return the lab; close it when done
     * @throws IllegalArgumentException if {@code nodes} is out of range
     * @throws NetworkLabException      if labs are not {@linkplain #availability() available} here, or a command
     *                                  fails (everything made so far is removed)
     */
    public static NetworkLab create(int nodes) {
        if (nodes < 1 || nodes > LabNames.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be from 1 to " + LabNames.MAX_NODES + ", was " + nodes);
        }
        Availability available = availability();
        if (!available.available()) {
            throw new NetworkLabException(available.reason());
        }
        cleanupStale();
        String runId = LabRegistry.claimRun(nodes);
        try {
            int net = LabRegistry.claimNet(runId, RootNamespace.netsInUse());
            NetworkLab lab = new NetworkLab(new LabNames(runId, net), nodes);
            registerForShutdown(lab);
            lab.build();
            LOG.log(System.Logger.Level.INFO, "lab {0}: namespaces {1}..n{2}, data 10.77.{3}.0/24, root {4}", runId,
                    lab.namespace("n1"), String.valueOf(nodes), String.valueOf(net), lab.rootAddress());
            return lab;
        } catch (RuntimeException failure) {
            OPEN.removeIf(lab -> lab.runId().equals(runId));
            List<String> problems = Teardown.run(runId);
            if (!problems.isEmpty()) {
                failure.addSuppressed(new NetworkLabException("lab " + runId + " not fully removed: " + problems));
            }
            throw failure;
        }
    }

    /**
     * Removes every lab on this machine whose owning process is gone (a test JVM that crashed or was killed),
     * with any process still running in its namespaces. Labs made by hand with {@code netns-up.sh} are kept.
     *
     * @return the run ids of the labs removed
     * @throws NetworkLabException if the namespaces and links cannot be listed
     */
    public static synchronized List<String> cleanupStale() {
        Set<String> runs = new TreeSet<>(LabRegistry.recordedRuns());
        RootNamespace.namespaces().forEach(name -> LabNames.ownerOf(name).ifPresent(runs::add));
        RootNamespace.links().forEach(name -> LabNames.ownerOf(name).ifPresent(runs::add));
        List<String> removed = new ArrayList<>();
        for (String runId : runs) {
            if (!LabRegistry.ownerAlive(runId)) {
                List<String> problems = Teardown.run(runId);
                if (problems.isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, "removed stale lab {0}", runId);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "stale lab {0} not fully removed: {1}", runId, problems);
                }
                removed.add(runId);
            }
        }
        return removed;
    }

    private void build() {
        run("ip", "link", "add", names.dataBridge(), "type", "bridge");
        run("ip", "link", "set", names.dataBridge(), "up");
        run("ip", "link", "add", names.managementBridge(), "type", "bridge");
        run("ip", "addr", "add", names.rootAddress() + "/24", "dev", names.managementBridge());
        run("ip", "link", "set", names.managementBridge(), "up");
        for (int i = 1; i <= nodes.size(); i++) {
            buildNode(i);
            bridgeOf[i - 1] = names.dataBridge();
        }
    }

    private void buildNode(int i) {
        String namespace = names.namespace(i);
        run("ip", "netns", "add", namespace);
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        run("ip", "link", "add", names.dataLink(i), "type", "veth", "peer", "name", "data0", "netns", namespace);
        run("ip", "link", "add", names.managementLink(i), "type", "veth", "peer", "name", "mgmt0", "netns",
                namespace);
        run("ip", "link", "set", names.dataLink(i), "master", names.dataBridge(), "up");
        run("ip", "link", "set", names.managementLink(i), "master", names.managementBridge(), "up");
        run("ip", "link", "set", names.managementLink(i), "type", "bridge_slave", "isolated", "on");
        run("ip", "-n", namespace, "addr", "add", names.dataAddress(i) + "/24", "dev", "data0");
        run("ip", "-n", namespace, "addr", "add", names.managementAddress(i) + "/24", "dev", "mgmt0");
        run("ip", "-n", namespace, "link", "set", "data0", "up");
        run("ip", "-n", namespace, "link", "set", "mgmt0", "up");
        run("ip", "route", "add", names.dataAddress(i) + "/32", "via", names.managementAddress(i), "dev",
                names.managementBridge());
    }

    /**
     * Cuts the data network into sides: nodes of one side reach each other, no node reaches a node of another
     * side, and every node still reaches the root namespace. Replaces the previous partition, if any.
     *
     * @param sides the sides; every node of the lab in exactly one. A single side holding every node heals.
     * @throws IllegalArgumentException if a side is empty, a node is unknown, in no side or in two
     * @throws IllegalStateException    if the lab is closed
     * @throws NetworkLabException      if a command fails
     */
    @SafeVarargs
    public final void partition(Set<String>... sides) {
        List<Set<String>> list = new ArrayList<>(sides.length);
        for (Set<String> side : sides) {
            list.add(side);
        }
        partition(list);
    }

    /**
     * As {@link #partition(Set[])}.
     *
     * @param sides the sides; every node of the lab in exactly one
     * @throws IllegalArgumentException if a side is empty, a node is unknown, in no side or in two
     * @throws IllegalStateException    if the lab is closed
     * @throws NetworkLabException      if a command fails
     */
    public synchronized void partition(List<? extends Collection<String>> sides) {
        requireOpen();
        List<Set<String>> checked = checkSides(sides);
        String[] target = bridgesFor(checked);
        createMissingSideBridges(target);
        moveDataLinks(target);
        removeUnusedSideBridges();
        this.sides = checked;
        LOG.log(System.Logger.Level.INFO, "lab {0}: {1}", names.runId(),
                checked.size() == 1 ? "healed" : "partitioned " + checked);
    }

    /**
     * Cuts one node off from all others (they stay connected to each other).
     *
     * @param node the node to cut off
     * @throws IllegalArgumentException if the node is unknown
     * @throws IllegalStateException    if the lab is closed
     * @throws NetworkLabException      if a command fails
     */
    public void isolate(String node) {
        indexOf(node);
        Set<String> others = new LinkedHashSet<>(nodes);
        others.remove(node);
        partition(others.isEmpty() ? List.of(Set.of(node)) : List.of(Set.of(node), others));
    }

    /**
     * Ends any partition: every node reaches every other again.
     *
     * @throws IllegalStateException if the lab is closed
     * @throws NetworkLabException   if a command fails
     */
    public void heal() {
        partition(List.of(Set.copyOf(nodes)));
    }

    /** @return the current sides, in the order given to {@link #partition}; one side holding all when healed */
    public synchronized List<Set<String>> sides() {
        return sides;
    }

    /** @return the lab's node names: n1, n2, ... */
    public List<String> nodes() {
        return nodes;
    }

    /** @return the run id that every name of this lab carries ({@code ck-<run>-...}) */
    public String runId() {
        return names.runId();
    }

    /**
     * @param node a node of this lab
     * @return the name of its network namespace
     * @throws IllegalArgumentException if the node is unknown
     */
    public String namespace(String node) {
        return names.namespace(indexOf(node));
    }

    /**
     * @param node a node of this lab
     * @return its address on the data network: bind the node to it; the root namespace reaches it too
     * @throws IllegalArgumentException if the node is unknown
     */
    public String nodeAddress(String node) {
        return names.dataAddress(indexOf(node));
    }

    /** @return the root namespace's address on the management network (the source of the test's connections) */
    public String rootAddress() {
        return names.rootAddress();
    }

    /**
     * The command prefix that runs a program in a node's namespace, for {@code NodeProcess.Builder.runUnder}.
     * {@code ip netns exec} replaces itself with the program, so the process started is the program itself and
     * signals reach it.
     *
     * @param node a node of this lab
     * @return a new array {@code ip netns exec <namespace>}
     * @throws IllegalArgumentException if the node is unknown
     */
    public String[] execPrefix(String node) {
        return new String[] {"ip", "netns", "exec", namespace(node)};
    }

    /**
     * Removes the lab: kills any process still running in its namespaces, deletes its links, bridges, routes and
     * namespaces, and checks that none is left. Does nothing if already closed.
     *
     * @throws NetworkLabException if something could not be removed (the message lists what)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        List<String> problems = Teardown.run(names.runId());
        if (!problems.isEmpty()) {
            throw new NetworkLabException("lab " + names.runId() + " not fully removed: " + problems);
        }
        LOG.log(System.Logger.Level.INFO, "lab {0} removed", names.runId());
    }

    @Override
    public String toString() {
        return "NetworkLab[" + names.runId() + ", " + nodes.size() + " nodes, sides " + sides() + "]";
    }

    private List<Set<String>> checkSides(List<? extends Collection<String>> sides) {
        if (sides.isEmpty()) {
            throw new IllegalArgumentException("a partition needs at least one side, got none");
        }
        List<Set<String>> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Collection<String> side : sides) {
            if (side.isEmpty()) {
                throw new IllegalArgumentException("a side of a partition is empty: " + sides);
            }
            for (String node : side) {
                indexOf(node);
                if (!seen.add(node)) {
                    throw new IllegalArgumentException(node + " is in more than one side: " + sides);
                }
            }
            checked.add(inNodeOrder(side));
        }
        Set<String> missing = new TreeSet<>(nodes);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing + " in no side of " + sides
                    + "; every node must be in exactly one");
        }
        return List.copyOf(checked);
    }

    private Set<String> inNodeOrder(Collection<String> side) {
        Set<String> ordered = new LinkedHashSet<>();
        side.stream().sorted(Comparator.comparingInt(nodes::indexOf)).forEach(ordered::add);
        return Collections.unmodifiableSet(ordered);
    }

    /** @return the index of the largest side, the first among equals */
    private static int largest(List<Set<String>> sides) {
        int largest = 0;
        for (int k = 1; k < sides.size(); k++) {
            if (sides.get(k).size() > sides.get(largest).size()) {
                largest = k;
            }
        }
        return largest;
    }

    /** @return the bridge for each node's data link (by index - 1): the largest side keeps the main bridge */
    private String[] bridgesFor(List<Set<String>> sides) {
        int main = largest(sides);
        String[] target = new String[nodes.size()];
        for (int k = 0; k < sides.size(); k++) {
            String bridge = k == main ? names.dataBridge() : names.sideBridge(k + 1);
            for (String node : sides.get(k)) {
                target[indexOf(node) - 1] = bridge;
            }
        }
        return target;
    }

    private void createMissingSideBridges(String[] target) {
        for (String bridge : new LinkedHashSet<>(Arrays.asList(target))) {
            if (!bridge.equals(names.dataBridge()) && !sideBridges.contains(bridge)) {
                run("ip", "link", "add", bridge, "type", "bridge");
                sideBridges.add(bridge);
                run("ip", "link", "set", bridge, "up");
            }
        }
    }

    private void moveDataLinks(String[] target) {
        List<Integer> moving = IntStream.rangeClosed(1, nodes.size())
                .filter(i -> !target[i - 1].equals(bridgeOf[i - 1])).boxed().toList();
        // First disconnect every node that moves, then connect each to its new side: see the class comment.
        for (int i : moving) {
            run("ip", "link", "set", names.dataLink(i), "down");
        }
        for (int i : moving) {
            run("ip", "link", "set", names.dataLink(i), "master", target[i - 1], "up");
            bridgeOf[i - 1] = target[i - 1];
        }
    }

    private void removeUnusedSideBridges() {
        Set<String> used = new HashSet<>(Arrays.asList(bridgeOf));
        for (String bridge : List.copyOf(sideBridges)) {
            if (!used.contains(bridge)) {
                run("ip", "link", "del", bridge);
                sideBridges.remove(bridge);
            }
        }
    }

    private int indexOf(String node) {
        int index = nodes.indexOf(node);
        if (index < 0) {
            throw new IllegalArgumentException("no node '" + node + "' in lab " + names.runId() + "; its nodes are "
                    + nodes);
        }
        return index + 1;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + names.runId() + " is closed");
        }
    }

    private static void run(String... command) {
        Commands.run(command);
    }

    private static void registerForShutdown(NetworkLab lab) {
        OPEN.add(lab);
        if (SHUTDOWN_HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(NetworkLab::closeAllOpen, "network-lab-cleanup"));
        }
    }

    private static void closeAllOpen() {
        for (NetworkLab lab : List.copyOf(OPEN)) {
            try {
                lab.close();
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "could not remove lab " + lab.runId() + " at exit", failure);
            }
        }
    }
}
