package io.clusterkv.benchmarks.replicated;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU this JVM and everything else on the machine used: the machine's busy time from {@code /proc/stat}
 * (user, nice, system, irq, softirq, steal, as {@code benchmarks/run-core.sh} counts it) and this process's own CPU
 * time. Their difference over a window is what other processes took from the benchmark. Without {@code /proc/stat}
 * (not Linux) the machine's figure is NaN.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** USER_HZ; 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** A reading: wall clock, machine busy seconds, own CPU seconds. */
    record Reading(long nanoTime, double machineBusySeconds, double ownSeconds) {

        /** @return cores' worth of CPU that other processes used between {@code earlier} and this reading */
        double othersCoresSince(Reading earlier) {
            return Math.max(0, othersSecondsSince(earlier)) / wallSecondsSince(earlier);
        }

        /** @return CPU seconds other processes used between {@code earlier} and this reading */
        double othersSecondsSince(Reading earlier) {
            return (machineBusySeconds - earlier.machineBusySeconds) - (ownSeconds - earlier.ownSeconds);
        }

        /** @return cores' worth of CPU this process used between {@code earlier} and this reading */
        double ownCoresSince(Reading earlier) {
            return (ownSeconds - earlier.ownSeconds) / wallSecondsSince(earlier);
        }

        double wallSecondsSince(Reading earlier) {
            return (nanoTime - earlier.nanoTime) / 1e9;
        }
    }

    private CpuMeter() {
    }

    /** @return the current reading */
    static Reading read() {
        return read(0);
    }

    /** @return the current reading, counting {@code childrenSeconds} (CPU of processes the benchmark started) as own */
    static Reading read(double childrenSeconds) {
        return new Reading(System.nanoTime(), machineBusySeconds(), ownCpuSeconds() + childrenSeconds);
    }

    /** @return CPU seconds this JVM used so far */
    static double ownCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double machineBusySeconds() {
        try {
            for (String line : Files.readAllLines(PROC_STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                        + Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                    return busy / TICKS_PER_SECOND;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
