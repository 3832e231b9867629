package io.clusterkv.chaos.net;

import static io.clusterkv.chaos.net.NetworkLabAssumptions.assumeNetworkLabs;
import static io.clusterkv.chaos.net.Sockets.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scripts for debugging by hand build, cut, heal and remove the same labs as {@link NetworkLab}. */
class NetnsScriptsTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final List<String> ALL_SOURCES = List.of(ROOT, "n1", "n2", "n3");
    private static final Pattern RUN = Pattern.compile("RUN=([a-z0-9]{6})");
    private static final Pattern NODE = Pattern.compile("(n\\d+)\\s+ns (\\S+)\\s+address (\\S+)");

    private final List<Process> processes = new ArrayList<>();
    private String runId;

    @BeforeAll
    static void requireNetworkLabs() {
        assumeNetworkLabs();
    }

    @AfterEach
    void removeLab() {
        processes.forEach(Sockets::stop);
        if (runId != null) {
            script("netns-down.sh", runId);
        }
    }

    @Test
    void scripts_upPartitionHealDown_cutAndRestoreConnectivityAndLeaveNothing() {
        Result up = script("netns-up.sh", "3");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        Matcher run = RUN.matcher(up.stdout());
        assertThat(run.find()).as(up.stdout()).isTrue();
        runId = run.group(1);
        Sockets.Endpoints lab = endpoints(up.stdout());
        for (String node : NODES) {
            processes.add(Sockets.startEchoServer(lab, node));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertReachability(lab, List.of(NODES)));

        Result cut = script("netns-partition.sh", runId, "n1", "n2,n3");
        assertThat(cut.exitCode()).as(cut.toString()).isZero();
        assertReachability(lab, List.of(List.of("n1"), List.of("n2", "n3")));
        assertThat(NetworkLab.cleanupStale()).as("a lab made by hand is not stale").doesNotContain(runId);

        Result heal = script("netns-heal.sh", runId);
        assertThat(heal.exitCode()).as(heal.toString()).isZero();
        assertReachability(lab, List.of(NODES));

        Result down = script("netns-down.sh", runId);
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(Commands.run("ip", "netns", "list")).doesNotContain("ck-" + runId + "-");
        assertThat(Commands.run("ip", "-o", "link", "show")).doesNotContain("ck-" + runId + "-");
        assertThat(LabRegistry.recordedRuns()).doesNotContain(runId);
        runId = null;
    }

    @Test
    void partitionScript_nodeInNoSide_failsNamingIt() {
        Result up = script("netns-up.sh", "3");
        Matcher run = RUN.matcher(up.stdout());
        assertThat(run.find()).as(up.toString()).isTrue();
        runId = run.group(1);

        Result cut = script("netns-partition.sh", runId, "n1", "n2");

        assertThat(cut.exitCode()).isNotZero();
        assertThat(cut.stderr()).contains("n3 is in no side");
    }

    @Test
    void downScript_stale_keepsALiveJavaLab() {
        try (NetworkLab lab = NetworkLab.create(1)) {
            Result down = script("netns-down.sh", "--stale");

            assertThat(down.stdout()).doesNotContain(lab.runId());
            assertThat(Commands.run("ip", "netns", "list")).contains(lab.namespace("n1"));
        }
    }

    private static void assertReachability(Sockets.Endpoints lab, List<List<String>> sides) {
        assertThat(Sockets.reachability(lab, ALL_SOURCES, NODES))
                .isEqualTo(Sockets.expected(ALL_SOURCES, NODES, sides));
    }

    /** Namespaces and addresses as netns-up.sh prints them. */
    private static Sockets.Endpoints endpoints(String output) {
        Map<String, String> namespaces = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        Matcher node = NODE.matcher(output);
        while (node.find()) {
            namespaces.put(node.group(1), node.group(2));
            addresses.put(node.group(1), node.group(3));
        }
        assertThat(namespaces).as(output).containsOnlyKeys(NODES);
        return new Sockets.Endpoints() {
            @Override
            public String namespace(String name) {
                return namespaces.get(name);
            }

            @Override
            public String address(String name) {
                return addresses.get(name);
            }
        };
    }

    private static Result script(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(scripts().resolve(name).toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("netns-script", ".out");
            Path err = Files.createTempFile("netns-script", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            Result result = new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** chaos-tests/scripts, found from the module directory (where Surefire runs) or above it. */
    private static Path scripts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("scripts"), dir.resolve("chaos-tests").resolve("scripts"))) {
                if (Files.isExecutable(candidate.resolve("netns-up.sh"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("chaos-tests/scripts not found above " + Path.of("").toAbsolutePath());
    }

    private record Result(List<String> command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return command + " exited with " + exitCode + "\n" + stdout + stderr;
        }
    }
}
