package io.clusterkv.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A clusterkv node running as its own process, started by the project's launcher script ({@code bin/clusterkv}),
 * with its output in a log file. Signals are real: {@link #terminate()} is SIGTERM, {@link #kill()} is SIGKILL,
 * {@link #pause()} and {@link #resume()} are SIGSTOP and SIGCONT.
 */
public final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String host;
    private final int respPort;
    private final int httpPort;
    private final int jgroupsPort;
    private final List<String> command;
    private final Path logFile;
    private @Nullable Process process;

    private NodeProcess(String name, String host, int respPort, int httpPort, int jgroupsPort, List<String> command,
                        Path logFile) {
        this.name = name;
        this.host = host;
        this.respPort = respPort;
        this.httpPort = httpPort;
        this.jgroupsPort = jgroupsPort;
        this.command = command;
        this.logFile = logFile;
    }

    /**
     * Describes a node to start.
     *
     * @param name        its node name
     * @param clusterName the cluster it joins
     * @param logs        the directory for its log file
     */
    public static Builder builder(String name, String clusterName, Path logs) {
        return new Builder(name, clusterName, logs);
    }

    /**
     * Describes a node started with exactly these arguments and nothing added, as a user would type them.
     *
     * @param respPort the RESP port those arguments give it (6379 by default)
     * @param httpPort the HTTP port those arguments give it (8080 by default)
     */
    public static NodeProcess withArguments(String name, Path logs, int respPort, int httpPort, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return new NodeProcess(name, "127.0.0.1", respPort, httpPort, 0, command, logs.resolve(name + ".log"));
    }

    /** @return the launcher script: the system property clusterkv.launcher, else bin/clusterkv above here */
    public static Path launcher() {
        String configured = System.getProperty("clusterkv.launcher");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bin").resolve("clusterkv");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("bin/clusterkv not found above " + Path.of("").toAbsolutePath());
    }

    /** Starts the process (does not wait for it to be ready). */
    public NodeProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().keySet().removeIf(variable -> variable.startsWith("CLUSTERKV_"));
            process = builder.start();
            return this;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, failure);
        }
    }

    /** Waits until the node reports ready on /health/ready. */
    public NodeProcess awaitReady(Duration timeout) {
        await("node " + name + " ready (log: " + logFile + ")").atMost(timeout).pollInterval(Duration.ofMillis(100))
            .until(() -> {
                if (!isAlive()) {
                    throw new IllegalStateException(name + " exited with " + exitCode() + "; log:\n" + logTail());
                }
                return status("/health/ready") == 200;
            });
        return this;
    }

    /** @return the HTTP status of a GET, or -1 if the node does not answer */
    public int status(String path) {
        try {
            return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException unreachable) {
            return -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** @return the JSON body of a GET */
    public JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + path))
            .timeout(Duration.ofSeconds(5));
    }

    /** @return the node's /cluster document: members, coordinator, ready, applied index, digest */
    public JsonNode cluster() {
        return getJson("/cluster");
    }

    /** SIGTERM: the node leaves gracefully and should exit 0. */
    public void terminate() {
        requireProcess().destroy();
    }

    /** SIGKILL: a crash. */
    public void kill() {
        requireProcess().destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGSTOP: the process freezes, as in a long GC pause or a stopped VM. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused process goes on. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the exit code, waiting at most {@code timeout} for the process to end */
    public int awaitExit(Duration timeout) {
        try {
            if (!requireProcess().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not exit within " + timeout);
            }
            return requireProcess().exitValue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** @return whether the process runs */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** @return the exit code, or null while it runs */
    public @Nullable Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** @return the process id */
    public long pid() {
        return requireProcess().pid();
    }

    /** @return the last lines of the log, for failure messages */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    private Process requireProcess() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process;
    }

    /** @return the node name */
    public String name() {
        return name;
    }

    /** @return the address its endpoints listen on */
    public String host() {
        return host;
    }

    /** @return its RESP port */
    public int respPort() {
        return respPort;
    }

    /** @return its HTTP port */
    public int httpPort() {
        return httpPort;
    }

    /** @return its JGroups port */
    public int jgroupsPort() {
        return jgroupsPort;
    }

    /** @return its log file */
    public Path logFile() {
        return logFile;
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /** Settings of a node process. */
    public static final class Builder {
        private final String name;
        private final String clusterName;
        private final Path logs;
        private String host = "127.0.0.1";
        private int respPort = FreePorts.next();
        private int httpPort = FreePorts.next();
        private int jgroupsPort = FreePorts.next();
        private List<String> initialHosts = List.of();
        private final List<String> extraFlags = new ArrayList<>();
        private final List<String> prefix = new ArrayList<>();

        private Builder(String name, String clusterName, Path logs) {
            this.name = name;
            this.clusterName = clusterName;
            this.logs = logs;
        }

        /** @param address the address to bind (default 127.0.0.1) */
        public Builder host(String address) {
            this.host = address;
            return this;
        }

        /** Fixes the ports instead of picking free ones. */
        public Builder ports(int resp, int http, int jgroups) {
            this.respPort = resp;
            this.httpPort = http;
            this.jgroupsPort = jgroups;
            return this;
        }

        /** @param hosts host:port of the members to contact at start (default: only itself) */
        public Builder initialHosts(List<String> hosts) {
            this.initialHosts = List.copyOf(hosts);
            return this;
        }

        /** @param flags more flags, e.g. "--expected-size", "3" */
        public Builder flags(String... flags) {
            extraFlags.addAll(List.of(flags));
            return this;
        }

        /** @param command what to run the launcher under, e.g. "ip", "netns", "exec", "ns1" */
        public Builder runUnder(String... command) {
            prefix.addAll(List.of(command));
            return this;
        }

        /** @return the jgroups address others list as an initial host */
        public String jgroupsAddress() {
            return host + ":" + jgroupsPort;
        }

        private static boolean isLoopback(String address) {
            try {
                return java.net.InetAddress.getByName(address).isLoopbackAddress();
            } catch (java.net.UnknownHostException unknown) {
                return false;
            }
        }

        /** @return the described process, not started */
        public NodeProcess build() {
            List<String> command = new ArrayList<>(prefix);
            command.add(launcher().toString());
            command.addAll(List.of("--cluster-name", clusterName, "--node-name", name, "--bind", host,
                "--resp-port", String.valueOf(respPort), "--http-port", String.valueOf(httpPort),
                "--jgroups-port", String.valueOf(jgroupsPort), "--jgroups-port-range", "0"));
            List<String> hosts = initialHosts.isEmpty() ? List.of(jgroupsAddress()) : initialHosts;
            command.addAll(List.of("--initial-hosts", String.join(",", hosts)));
            if (!isLoopback(host)) {
                // Test nodes on a lab network (chaos tests) run without credentials: protected mode would refuse.
                command.addAll(List.of("--protected-mode", "false"));
            }
            command.addAll(extraFlags);
            return new NodeProcess(name, host, respPort, httpPort, jgroupsPort, command,
                logs.resolve(name + ".log"));
        }
    }
}
