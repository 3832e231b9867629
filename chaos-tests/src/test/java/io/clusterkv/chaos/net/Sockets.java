package io.clusterkv.chaos.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real TCP connections between namespaces: an echo server per node and clients that connect, send a line and read
 * it back, each a small python3 program run with {@code ip netns exec}. Probes run in parallel, so a matrix of
 * them costs about one connect timeout.
 */
final class Sockets {
    /** The name probes use for the root namespace, where the test JVM runs. */
    static final String ROOT = "root";
    static final int PORT = 9000;
    private static final String CONNECT_TIMEOUT_SECONDS = "1";

    private static final String SERVER = String.join("\n",
            "import socket, sys, threading",
            "server = socket.socket()",
            "server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "server.bind((sys.argv[1], int(sys.argv[2])))",
            "server.listen(64)",
            "def echo(connection):",
            "    with connection:",
            "        while data := connection.recv(1024):",
            "            connection.sendall(data)",
            "while True:",
            "    connection, _ = server.accept()",
            "    threading.Thread(target=echo, args=(connection,), daemon=True).start()");

    private static final String CLIENT = String.join("\n",
            "import errno, socket, sys",
            "try:",
            "    with socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=float(sys.argv[3])) as s:",
            "        s.sendall(b'ping\\n')",
            "        print('CONNECTED' if s.recv(16) == b'ping\\n' else 'FAILED bad echo')",
            "except socket.timeout:",
            "    print('TIMED_OUT')",
            "except ConnectionRefusedError:",
            "    print('REFUSED')",
            "except OSError as e:",
            "    print('UNREACHABLE' if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH) else 'FAILED %s' % e)");

    /** What a connection attempt came to. */
    enum Outcome {
        CONNECTED, TIMED_OUT, UNREACHABLE, REFUSED, FAILED
    }

    /** Where a probe runs and connects to: a namespace per node (or the root namespace) and an address per node. */
    interface Endpoints {
        String namespace(String node);

        String address(String node);
    }

    private Sockets() {
    }

    /** Starts an echo server on the node's address and {@link #PORT}, in its namespace. */
    static Process startEchoServer(Endpoints lab, String node) {
        return start(List.of("ip", "netns", "exec", lab.namespace(node), python(), "-c", SERVER, lab.address(node),
                String.valueOf(PORT)));
    }

    /**
     * Connects from each source to each target node (never to itself), all at once.
     *
     * @param sources nodes, or {@link #ROOT}
     * @return "from->to" to whether the echo came back; an outcome that is neither a connection nor a silent or
     *     unreachable network (refused, an error) throws, as the probe proves nothing then
     */
    static Map<String, Boolean> reachability(Endpoints lab, List<String> sources, List<String> targets) {
        ExecutorService pool = Executors.newFixedThreadPool(sources.size() * targets.size());
        try {
            Map<String, Future<Outcome>> pending = new LinkedHashMap<>();
            for (String from : sources) {
                for (String to : targets) {
                    if (!from.equals(to)) {
                        pending.put(from + "->" + to, pool.submit(() -> connect(lab, from, to)));
                    }
                }
            }
            Map<String, Boolean> reached = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Outcome>> probe : pending.entrySet()) {
                Outcome outcome = probe.getValue().get(30, TimeUnit.SECONDS);
                if (outcome == Outcome.REFUSED || outcome == Outcome.FAILED) {
                    throw new IllegalStateException(probe.getKey() + ": " + outcome + " (is the echo server up?)");
                }
                reached.put(probe.getKey(), outcome == Outcome.CONNECTED);
            }
            return reached;
        } catch (ExecutionException | TimeoutException failure) {
            throw new IllegalStateException("a probe did not finish: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the reachability that {@link #reachability} must report when the nodes are cut into these sides */
    static Map<String, Boolean> expected(List<String> sources, List<String> targets,
            List<? extends List<String>> sides) {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (String from : sources) {
            for (String to : targets) {
                if (!from.equals(to)) {
                    expected.put(from + "->" + to, from.equals(ROOT) || sideOf(from, sides) == sideOf(to, sides));
                }
            }
        }
        return expected;
    }

    private static int sideOf(String node, List<? extends List<String>> sides) {
        for (int k = 0; k < sides.size(); k++) {
            if (sides.get(k).contains(node)) {
                return k;
            }
        }
        throw new IllegalArgumentException(node + " in no side of " + sides);
    }

    static Outcome connect(Endpoints lab, String from, String to) {
        List<String> command = new ArrayList<>();
        if (!from.equals(ROOT)) {
            command.addAll(List.of("ip", "netns", "exec", lab.namespace(from)));
        }
        command.addAll(List.of(python(), "-c", CLIENT, lab.address(to), String.valueOf(PORT),
                CONNECT_TIMEOUT_SECONDS));
        Process client = start(command);
        try (var output = client.getInputStream()) {
            String line = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
            client.waitFor(30, TimeUnit.SECONDS);
            return Outcome.valueOf(line.split(" ", 2)[0]);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (IllegalArgumentException unexpected) {
            return Outcome.FAILED;
        } finally {
            client.destroyForcibly();
        }
    }

    /** Stops a process and waits until it is gone. */
    static void stop(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot run " + command, failure);
        }
    }

    /** Debian's python3 when there is one: a pyenv shim on the PATH costs a shell per probe. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
