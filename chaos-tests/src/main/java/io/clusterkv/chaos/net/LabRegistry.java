package io.clusterkv.chaos.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Who owns which lab, in files under {@code /run/clusterkv-netlab} (a tmpfs, emptied at boot like the namespaces
 * themselves), in the format {@code netns-lib.sh} reads and writes:
 * <ul>
 *   <li>{@code <run>}: {@code pid=} and {@code start=} (clock ticks since boot, field 22 of /proc/pid/stat, so a
 *       reused pid is not mistaken for the owner), or {@code pid=manual} for labs made by hand; {@code nodes=};
 *       {@code net=} once claimed;</li>
 *   <li>{@code net-<X>}: the run that holds 10.77.X.0/24 and 10.78.X.0/24.</li>
 * </ul>
 * Both are created with O_EXCL, which makes claims atomic between JVMs and scripts. A run's file is written before
 * anything of the run exists, so a namespace or link without a live owner is stale: its owner crashed.
 */
final class LabRegistry {
    static final Path DIRECTORY = Path.of("/run/clusterkv-netlab");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LabRegistry() {
    }

    /**
     * Claims a run id that no lab on this machine uses, owned by this JVM.
     *
     * @throws NetworkLabException if the state directory cannot be written
     */
    static String claimRun(int nodes) {
        String owner = "pid=" + ProcessHandle.current().pid() + "\nstart=" + startTime(ProcessHandle.current().pid())
                .orElseThrow(() -> new NetworkLabException("cannot read this JVM's start time in /proc/self/stat"))
                + "\nnodes=" + nodes + "\n";
        while (true) {
            String runId = randomRunId();
            if (createExclusively(DIRECTORY.resolve(runId), owner)) {
                return runId;
            }
        }
    }

    /**
     * Claims the lowest third octet X free on this machine for a run's networks, and records it in the run's file.
     *
     * @throws NetworkLabException if every octet is taken
     */
    static int claimNet(String runId, BitSet inUse) {
        for (int net = inUse.nextClearBit(0); net < 256; net = inUse.nextClearBit(net + 1)) {
            if (createExclusively(DIRECTORY.resolve("net-" + net), runId + "\n")) {
                append(DIRECTORY.resolve(runId), "net=" + net + "\n");
                return net;
            }
        }
        throw new NetworkLabException("no free 10.77.X.0/24 and 10.78.X.0/24 networks (see " + DIRECTORY + ")");
    }

    /** @return whether the owner of a run still runs (a lab made by hand always counts as owned) */
    static boolean ownerAlive(String runId) {
        Map<String, String> state = read(runId);
        String pid = state.get("pid");
        if ("manual".equals(pid)) {
            return true;
        }
        if (pid == null || !pid.matches("[0-9]+")) {
            return false;
        }
        return startTime(Long.parseLong(pid)).map(start -> start.equals(state.get("start"))).orElse(false);
    }

    /** @return the run ids that have a state file */
    static Set<String> recordedRuns() {
        Set<String> runs = new TreeSet<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            files.map(file -> file.getFileName().toString()).filter(LabNames::isRunId).forEach(runs::add);
        } catch (NoSuchFileException none) {
            return runs;
        } catch (IOException failure) {
            throw new NetworkLabException("cannot list " + DIRECTORY + ": " + failure.getMessage(), failure);
        }
        return runs;
    }

    /** Deletes a run's files: its claim on a network (if it still holds it) and its state file. */
    static void release(String runId) {
        String net = read(runId).get("net");
        try {
            if (net != null) {
                Path claim = DIRECTORY.resolve("net-" + net);
                if (Files.exists(claim) && Files.readString(claim).strip().equals(runId)) {
                    Files.deleteIfExists(claim);
                }
            }
            Files.deleteIfExists(DIRECTORY.resolve(runId));
        } catch (IOException failure) {
            throw new NetworkLabException("cannot delete the state of lab " + runId + " in " + DIRECTORY + ": "
                    + failure.getMessage(), failure);
        }
    }

    /** @return the start time of a process in clock ticks since boot, if it runs (a zombie no longer does) */
    static Optional<String> startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces; count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            boolean dead = fields[0].equals("Z") || fields[0].equals("X");
            return dead ? Optional.empty() : Optional.of(fields[19]);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static Map<String, String> read(String runId) {
        Map<String, String> state = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(DIRECTORY.resolve(runId));
        } catch (IOException missing) {
            lines = new ArrayList<>();
        }
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                state.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return state;
    }

    private static boolean createExclusively(Path file, String content) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (IOException failure) {
            throw new NetworkLabException("cannot write " + file + ": " + failure.getMessage(), failure);
        }
    }

    private static void append(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException failure) {
            throw new NetworkLabException("cannot write " + file + ": " + failure.getMessage(), failure);
        }
    }

    private static String randomRunId() {
        StringBuilder id = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
