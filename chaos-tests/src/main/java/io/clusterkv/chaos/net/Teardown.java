package io.clusterkv.chaos.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Removes everything of one lab, by its names ({@code ck-<run>-...}) rather than by what a lab object remembers, so
 * the same code closes a lab and removes a crashed run's leftovers.
 */
final class Teardown {
    private static final System.Logger LOG = System.getLogger(NetworkLab.class.getName());
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private Teardown() {
    }

    /**
     * Removes, as far as possible, the processes in a run's namespaces (SIGKILL), its links (a veth goes with its
     * peer; routes go with their bridge), its namespaces and its state files; then checks that none is left.
     *
     * @return what could not be removed; empty if everything went
     */
    static List<String> run(String runId) {
        String prefix = "ck-" + runId + "-";
        List<String> problems = new ArrayList<>();
        List<String> namespaces = attempt(problems, RootNamespace::namespaces).stream()
                .filter(name -> name.startsWith(prefix)).toList();
        for (String namespace : namespaces) {
            killProcessesIn(namespace, problems);
        }
        // Links first: deleting a namespace only drops its name, and its devices go later, asynchronously.
        for (String link : attempt(problems, RootNamespace::links)) {
            if (link.startsWith(prefix)) {
                ignoreMissing(List.of("ip", "link", "del", link), problems);
            }
        }
        for (String namespace : namespaces) {
            ignoreMissing(List.of("ip", "netns", "del", namespace), problems);
        }
        try {
            LabRegistry.release(runId);
        } catch (NetworkLabException failure) {
            problems.add(failure.getMessage());
        }
        List<String> left = new ArrayList<>();
        attempt(problems, RootNamespace::namespaces).stream().filter(name -> name.startsWith(prefix))
                .forEach(left::add);
        attempt(problems, RootNamespace::links).stream().filter(name -> name.startsWith(prefix)).forEach(left::add);
        if (!left.isEmpty()) {
            problems.add("still present: " + left);
        }
        return problems;
    }

    private static void ignoreMissing(List<String> command, List<String> problems) {
        Commands.Result result = Commands.execute(command);
        if (result.exitCode() != 0 && !result.stderr().contains("Cannot find device")
                && !result.stderr().contains("No such file")) {
            problems.add(result.describe());
        }
    }

    private static void killProcessesIn(String namespace, List<String> problems) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (long pid : attempt(problems, () -> RootNamespace.pidsIn(namespace))) {
            ProcessHandle.of(pid).ifPresent(process -> {
                LOG.log(System.Logger.Level.INFO, "killing process {0} left in {1}: {2}", String.valueOf(pid),
                        namespace, process.info().commandLine().orElse("?"));
                process.destroyForcibly();
                killed.add(process);
            });
        }
        for (ProcessHandle process : killed) {
            try {
                process.onExit().get(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException failure) {
                problems.add("process " + process.pid() + " in " + namespace + " did not exit within "
                        + KILL_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while waiting for process " + process.pid() + " to exit");
            }
        }
    }

    private static <T> List<T> attempt(List<String> problems, Supplier<List<T>> query) {
        try {
            return query.get();
        } catch (NetworkLabException failure) {
            problems.add(failure.getMessage());
            return List.of();
        }
    }
}
