package io.clusterkv.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.clusterkv.testsupport.FreePorts;
import io.clusterkv.testsupport.NodeProcess;
import io.clusterkv.testsupport.ProcessCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The launcher as a user meets it: defaults that form a cluster on one machine, --help, and clear start errors. */
class StartupIT {
    private static final Path LOGS = Path.of("target", "it-logs", "startup");

    /** Runs bin/clusterkv to completion and returns its exit status and output. */
    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(NodeProcess.launcher().toString());
        command.addAll(List.of(args));
        Files.createDirectories(LOGS);
        Path output = Files.createTempFile(LOGS, "run", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/clusterkv " + List.of(args) + " ends").isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    private record Result(int status, String output) {
    }

    @Test
    void help_listsEveryFlagAndExitsZero() throws Exception {
        Result help = run("--help");

        assertThat(help.status()).isZero();
        assertThat(help.output()).contains("--cluster-name", "--node-name", "--bind", "--resp-port", "--http-port",
            "--jgroups-port", "--initial-hosts", "--expected-size", "--config");
    }

    @Test
    void start_badSetting_printsOneLineAndExitsTwo() throws Exception {
        Result bad = run("--resp-port", "seventy");

        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.output().strip()).isEqualTo("clusterkv: setting 'resp-port' = 'seventy' (from flag "
            + "--resp-port) is not valid: it must be a port number from 0 to 65535 (0 turns it off)");
    }

    @Test
    void start_exposedWithoutAuth_refusesWithTheSettingsToSetAndExitsTwo() throws Exception {
        Result exposed = run("--bind", "0.0.0.0", "--cluster-name", "exposed");

        assertThat(exposed.status()).isEqualTo(2);
        assertThat(exposed.output().strip()).startsWith("clusterkv: protected mode: bind address 0.0.0.0 is "
            + "reachable from a network").contains("resp-password", "http-token", "cluster-secret",
            "protected-mode false").doesNotContain("Exception");
    }

    @Test
    void start_portInUse_printsOneLineAndExitsTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Result busy = run("--cluster-name", "busy-port", "--resp-port", String.valueOf(taken.getLocalPort()),
                "--http-port", String.valueOf(FreePorts.next()), "--jgroups-port", String.valueOf(FreePorts.next()));

            assertThat(busy.status()).isEqualTo(2);
            assertThat(busy.output().strip().lines().filter(line -> line.startsWith("clusterkv: ")).toList())
                .containsExactly("clusterkv: RESP port " + taken.getLocalPort() + " on 127.0.0.1 is already in "
                    + "use; choose another with --resp-port");
            assertThat(busy.output()).doesNotContain("Exception");
        }
    }

    /**
     * README's promise: the first command starts a node with the defaults, and a second one with only another name
     * and other ports joins it. Needs the default ports (6379, 8080, 7800) free on this machine.
     */
    @Test
    void defaults_secondNodeWithOtherNameAndPorts_joinsTheFirst() throws Exception {
        for (int port : new int[] {6379, 8080, 6380, 8081, 7800, 7801}) {
            assertPortFree(port);
        }
        try (NodeProcess defaults = NodeProcess.withArguments("node-6379", LOGS, 6379, 8080).start();
             NodeProcess second = NodeProcess.withArguments("b", LOGS, 6380, 8081, "--node-name", "b",
                 "--resp-port", "6380", "--http-port", "8081").start()) {
            defaults.awaitReady(Duration.ofSeconds(90));
            second.awaitReady(Duration.ofSeconds(90));
            ProcessCluster.awaitMembers(List.of(defaults, second));
            try (Jedis a = new Jedis("127.0.0.1", 6379); Jedis b = new Jedis("127.0.0.1", 6380)) {
                a.set("from-a", "hello");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> "hello".equals(b.get("from-a")));
            }
            assertThat(defaults.cluster().get("self").asText()).isEqualTo("node-6379");
        }
    }

    private static void assertPortFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(probe.getLocalPort()).isEqualTo(port);
        } catch (IOException taken) {
            throw new AssertionError("port " + port + " must be free for the defaults test (stop what listens on "
                + "it, e.g. a redis-server service)", taken);
        }
    }
}
