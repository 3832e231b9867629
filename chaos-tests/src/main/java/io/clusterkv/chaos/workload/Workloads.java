package io.clusterkv.chaos.workload;

/** Argument checks shared by the workloads. */
final class Workloads {

    private Workloads() {
    }

    static int requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
