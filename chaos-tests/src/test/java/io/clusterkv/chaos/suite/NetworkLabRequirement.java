package io.clusterkv.chaos.suite;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clusterkv.chaos.net.Availability;
import io.clusterkv.chaos.net.NetworkLab;
import io.clusterkv.chaos.net.NetworkLabAssumptions;

/**
 * How the chaos suite's partition runs react when this machine cannot make network labs. The net tests skip
 * unless told labs are required ({@link NetworkLabAssumptions}); the chaos suite turns that default around, on the
 * same property: a partition run that cannot partition fails with the reason, because CI (root, Linux) can make
 * labs and a partition run must never pass silently. {@code -Dclusterkv.netlab.required=false} makes it skip
 * instead, with the reason, on machines that cannot.
 */
final class NetworkLabRequirement {

    private NetworkLabRequirement() {
    }

    /** Fails the calling test if labs cannot be made here, or skips it if they are declared optional. */
    static void requireNetworkLabs() {
        Availability availability = NetworkLab.availability();
        if (availability.available()) {
            return;
        }
        boolean required = Boolean.parseBoolean(System.getProperty(NetworkLabAssumptions.REQUIRED_PROPERTY, "true"));
        if (required) {
            fail(availability.reason() + "; this chaos run needs real partitions (run as root on Linux, or pass -D"
                    + NetworkLabAssumptions.REQUIRED_PROPERTY + "=false to skip it)");
        }
        assumeTrue(false, availability.reason() + " (-D" + NetworkLabAssumptions.REQUIRED_PROPERTY + "=false)");
    }
}
