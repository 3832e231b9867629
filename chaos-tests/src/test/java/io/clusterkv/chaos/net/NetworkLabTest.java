package io.clusterkv.chaos.net;

import static io.clusterkv.chaos.net.NetworkLabAssumptions.assumeNetworkLabs;
import static io.clusterkv.chaos.net.Sockets.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetworkLabTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final List<String> ALL_SOURCES = List.of(ROOT, "n1", "n2", "n3");

    private final List<Process> processes = new ArrayList<>();
    private final List<NetworkLab> labs = new ArrayList<>();

    @BeforeAll
    static void requireNetworkLabs() {
        assumeNetworkLabs();
    }

    @AfterEach
    void removeLabs() {
        processes.forEach(Sockets::stop);
        labs.forEach(NetworkLab::close);
    }

    @Test
    void partition_oneNodeCutOff_separatesItFromPeersButNotFromRoot_andHealReconnects() {
        NetworkLab lab = lab(3);
        startEchoServers(lab);
        await("every node and the root reach every node").atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertReachability(lab, List.of(NODES)));

        lab.partition(Set.of("n1"), Set.of("n2", "n3"));

        assertThat(lab.sides()).containsExactly(Set.of("n1"), Set.of("n2", "n3"));
        assertReachability(lab, List.of(List.of("n1"), List.of("n2", "n3")));

        lab.heal();

        assertThat(lab.sides()).containsExactly(Set.copyOf(NODES));
        assertReachability(lab, List.of(NODES));
    }

    @Test
    void partition_fromOneSplitToAnother_followsTheNewSides() {
        NetworkLab lab = lab(3);
        startEchoServers(lab);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertReachability(lab, List.of(NODES)));
        lab.isolate("n1");

        lab.partition(Set.of("n1", "n2"), Set.of("n3"));
        assertReachability(lab, List.of(List.of("n1", "n2"), List.of("n3")));

        lab.partition(Set.of("n1"), Set.of("n2"), Set.of("n3"));
        assertReachability(lab, List.of(List.of("n1"), List.of("n2"), List.of("n3")));
    }

    @Test
    void close_afterAPartition_leavesNoNamespaceLinkRouteOrProcess() throws Exception {
        NetworkLab lab = NetworkLab.create(3);
        lab.partition(Set.of("n1"), Set.of("n2"), Set.of("n3"));
        Process left = new ProcessBuilder(command(lab.execPrefix("n2"), "sleep", "600")).start();
        String prefix = "ck-" + lab.runId() + "-";

        lab.close();

        assertThat(left.waitFor(10, TimeUnit.SECONDS)).as("process left in a namespace is killed").isTrue();
        assertThat(Commands.run("ip", "netns", "list")).doesNotContain(prefix);
        assertThat(Commands.run("ip", "-o", "link", "show")).doesNotContain(prefix);
        assertThat(Commands.run("ip", "-4", "route", "show", "table", "all")).doesNotContain(lab.nodeAddress("n1"))
                .doesNotContain(lab.rootAddress());
        assertThat(LabRegistry.recordedRuns()).doesNotContain(lab.runId());
        lab.close();
    }

    @Test
    void cleanupStale_labWhoseOwnerDied_isRemovedWithItsProcesses() throws Exception {
        NetworkLab lab = lab(2);
        Process orphan = new ProcessBuilder(command(lab.execPrefix("n1"), "sleep", "600")).start();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path state = LabRegistry.DIRECTORY.resolve(lab.runId());
        Files.writeString(state, Files.readString(state).replaceFirst("pid=\\d+", "pid=" + gone.pid()));

        List<String> removed = NetworkLab.cleanupStale();

        assertThat(removed).contains(lab.runId());
        assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Commands.run("ip", "netns", "list")).doesNotContain("ck-" + lab.runId() + "-");
        assertThat(Commands.run("ip", "-o", "link", "show")).doesNotContain("ck-" + lab.runId() + "-");
    }

    @Test
    void cleanupStale_liveLab_isKept() {
        NetworkLab lab = lab(1);

        assertThat(NetworkLab.cleanupStale()).doesNotContain(lab.runId());
        assertThat(Commands.run("ip", "netns", "list")).contains(lab.namespace("n1"));
    }

    @Test
    void create_twoLabsAtOnce_getTheirOwnNamesAndNetworks() {
        NetworkLab first = lab(2);
        NetworkLab second = lab(2);

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.nodeAddress("n1")).isNotEqualTo(first.nodeAddress("n1"));
        assertThat(second.rootAddress()).isNotEqualTo(first.rootAddress());
        assertThat(Commands.run("ip", "route", "get", second.nodeAddress("n1")))
                .contains("ck-" + second.runId() + "-mgmt");
    }

    @Test
    void execPrefix_runsTheProgramItselfInTheNodesNamespace() throws Exception {
        NetworkLab lab = lab(2);
        Process sleeper = new ProcessBuilder(command(lab.execPrefix("n2"), "sleep", "600")).start();
        processes.add(sleeper);

        String addresses = Commands.run(command(lab.execPrefix("n2"), "ip", "-4", "-o", "addr", "show", "data0")
                .toArray(String[]::new));

        assertThat(addresses).contains(lab.nodeAddress("n2") + "/24");
        await("sleep is listed in the namespace").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(RootNamespace.pidsIn(lab.namespace("n2"))).contains(sleeper.pid()));
    }

    @Test
    void namesAndAddresses_areDistinctPerNodeAndCarryTheRunId() {
        NetworkLab lab = lab(3);

        assertThat(lab.nodes()).containsExactly("n1", "n2", "n3");
        assertThat(lab.namespace("n2")).isEqualTo("ck-" + lab.runId() + "-n2");
        assertThat(lab.nodeAddress("n3")).matches("10\\.77\\.\\d+\\.3");
        assertThat(lab.rootAddress()).matches("10\\.78\\.\\d+\\.254");
        assertThat(lab.execPrefix("n1")).containsExactly("ip", "netns", "exec", lab.namespace("n1"));
    }

    @Test
    void partition_invalidSides_throwNamingTheProblem() {
        NetworkLab lab = lab(3);

        assertThatThrownBy(() -> lab.partition(Set.of("n1", "n2"), Set.of("n2", "n3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n2 is in more than one side");
        assertThatThrownBy(() -> lab.partition(Set.of("n1"), Set.of("n2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n3] in no side");
        assertThatThrownBy(() -> lab.partition(Set.of("n1"), Set.of("n2", "n3", "n4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node 'n4'");
        assertThatThrownBy(() -> lab.partition(Set.of("n1", "n2", "n3"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> lab.isolate("n9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node 'n9'");
        assertThat(lab.sides()).containsExactly(Set.of("n1", "n2", "n3"));
    }

    @Test
    void create_nodesOutOfRange_throws() {
        assertThatThrownBy(() -> NetworkLab.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> NetworkLab.create(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 100");
    }

    @Test
    void closedLab_refusesPartitions() {
        NetworkLab lab = NetworkLab.create(2);
        lab.close();

        assertThatThrownBy(lab::heal).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private NetworkLab lab(int nodes) {
        NetworkLab lab = NetworkLab.create(nodes);
        labs.add(lab);
        return lab;
    }

    private void startEchoServers(NetworkLab lab) {
        for (String node : lab.nodes()) {
            processes.add(Sockets.startEchoServer(endpoints(lab), node));
        }
    }

    private static void assertReachability(NetworkLab lab, List<List<String>> sides) {
        assertThat(Sockets.reachability(endpoints(lab), ALL_SOURCES, NODES))
                .isEqualTo(Sockets.expected(ALL_SOURCES, NODES, sides));
    }

    static Sockets.Endpoints endpoints(NetworkLab lab) {
        return new Sockets.Endpoints() {
            @Override
            public String namespace(String node) {
                return lab.namespace(node);
            }

            @Override
            public String address(String node) {
                return lab.nodeAddress(node);
            }
        };
    }

    private static List<String> command(String[] prefix, String... program) {
        List<String> command = new ArrayList<>(List.of(prefix));
        command.addAll(List.of(program));
        return command;
    }
}
