package io.clusterkv.chaos.net;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How a test that needs a {@link NetworkLab} reacts when the machine cannot make one: it is skipped, with the
 * reason in the report, never passed; with {@code -Dclusterkv.netlab.required=true} (CI, whose machines are known to
 * allow labs) it fails instead.
 */
public final class NetworkLabAssumptions {
    /** Set to {@code true} to make tests fail, not skip, where labs cannot be made. */
    public static final String REQUIRED_PROPERTY = "clusterkv.netlab.required";

    private NetworkLabAssumptions() {
    }

    /** Skips (or fails, see {@link #REQUIRED_PROPERTY}) the calling test unless labs can be made here. */
    public static void assumeNetworkLabs() {
        Availability availability = NetworkLab.availability();
        if (!availability.available() && Boolean.getBoolean(REQUIRED_PROPERTY)) {
            fail(availability.reason() + " (and " + REQUIRED_PROPERTY + " is set)");
        }
        assumeTrue(availability.available(), availability::reason);
    }
}
