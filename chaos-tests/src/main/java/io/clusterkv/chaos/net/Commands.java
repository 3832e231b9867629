package io.clusterkv.chaos.net;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip} and friends, waits for them, and turns any failure into a message that names the command. */
final class Commands {
    private static final long TIMEOUT_SECONDS = 30;

    private Commands() {
    }

    /**
     * Runs a command to completion.
     *
     * @return its standard output
     * @throws NetworkLabException if it cannot run, times out or exits with a non-zero code; the message names the
     *                             command and quotes its error output
     */
    static String run(String... command) {
        Result result = execute(List.of(command));
        if (result.exitCode() != 0) {
            throw new NetworkLabException(result.describe());
        }
        return result.stdout();
    }

    /**
     * Runs a command and returns its outcome, whatever its exit code.
     *
     * @throws NetworkLabException if it cannot run or times out
     */
    static Result execute(List<String> command) {
        String shown = "`" + String.join(" ", command) + "`";
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            // Output goes to files, not pipes: nothing can block on a full pipe, and a hung command still times out.
            out = Files.createTempFile("ck-netlab-", ".out");
            err = Files.createTempFile("ck-netlab-", ".err");
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NetworkLabException(shown + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8).strip());
        } catch (IOException failure) {
            throw new NetworkLabException("cannot run " + shown + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NetworkLabException("interrupted while running " + shown, interrupted);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** The outcome of a finished command. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** @return the command, its exit code and its error output, for messages */
        String describe() {
            return "`" + String.join(" ", command) + "` exited with " + exitCode
                    + (stderr.isEmpty() ? "" : ": " + stderr);
        }
    }
}
