package io.clusterkv.benchmarks.replicated;

import java.util.Locale;

/**
 * The result of one operation at one number of client threads on one system: acknowledged operations per second
 * over the measured window, latency percentiles of every call in it, failed calls, and the CPU this JVM and other
 * processes used meanwhile. An operation the system does not have is a row with {@code unsupported} set and no
 * numbers. It travels from a forked JVM to the comparison as one tab-separated line ({@link #toLine()}).
 */
record Measurement(String systemId, String system, String operation, int threads, double opsPerSecond,
                   double p50Micros, double p99Micros, double p999Micros, long operations, long errors,
                   String firstError, double ownCpuCores, double othersCpuCores, String unsupported) {

    static final String LINE_PREFIX = "RESULT\t";

    static Measurement unsupported(String systemId, String system, String operation, int threads, String why) {
        return new Measurement(systemId, system, operation, threads, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            0, 0, "", Double.NaN, Double.NaN, why);
    }

    boolean isSupported() {
        return unsupported.isEmpty();
    }

    /** @return this measurement as one line, {@link #LINE_PREFIX} first */
    String toLine() {
        return LINE_PREFIX + String.join("\t", clean(systemId), clean(system), operation, Integer.toString(threads),
            number(opsPerSecond), number(p50Micros), number(p99Micros), number(p999Micros), Long.toString(operations),
            Long.toString(errors), clean(firstError), number(ownCpuCores), number(othersCpuCores),
            clean(unsupported));
    }

    /**
     * @return the measurement {@link #toLine()} wrote
     * @throws IllegalArgumentException if the line is not one
     */
    static Measurement fromLine(String line) {
        if (!line.startsWith(LINE_PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        String[] f = line.substring(LINE_PREFIX.length()).split("\t", -1);
        if (f.length != 14) {
            throw new IllegalArgumentException("a result line has 14 fields, not " + f.length + ": " + line);
        }
        return new Measurement(f[0], f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]),
            Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]),
            Long.parseLong(f[9]), f[10], Double.parseDouble(f[11]), Double.parseDouble(f[12]), f[13]);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String clean(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }
}
