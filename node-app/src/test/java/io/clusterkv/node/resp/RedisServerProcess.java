package io.clusterkv.node.resp;

import static org.awaitility.Awaitility.await;

import io.clusterkv.node.testing.InProcessNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} child process on a free loopback port, without persistence, in a temporary
 * directory; stopped (SIGTERM, then SIGKILL) by {@link #close()}. The binary is {@code /usr/bin/redis-server}
 * (Debian's {@code redis-server} package), or the system property {@code clusterkv.redisServer}.
 */
final class RedisServerProcess implements AutoCloseable {
    static final String BINARY_PROPERTY = "clusterkv.redisServer";
    static final String DEFAULT_BINARY = "/usr/bin/redis-server";

    private final Process process;
    private final int port;
    private final Path directory;

    private RedisServerProcess(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /** @return the redis-server binary to run */
    static File binary() {
        return new File(System.getProperty(BINARY_PROPERTY, DEFAULT_BINARY));
    }

    /** Starts redis-server and returns once it answers PING. */
    static RedisServerProcess start() {
        int port = InProcessNode.freePort();
        try {
            Path directory = Files.createTempDirectory("clusterkv-redis");
            Process process = new ProcessBuilder(List.of(binary().getPath(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--daemonize", "no")).redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile())
                .start();
            RedisServerProcess server = new RedisServerProcess(process, port, directory);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(server::answersPing);
            return server;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private boolean answersPing() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited with status " + process.exitValue() + "; see "
                + directory.resolve("redis.log"));
        }
        try (RawRespClient client = new RawRespClient(port)) {
            return client.call("PING").equals("+PONG\r\n");
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
