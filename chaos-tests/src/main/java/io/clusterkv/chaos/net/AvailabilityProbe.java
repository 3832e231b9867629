package io.clusterkv.chaos.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds out whether labs can be built here by building a one-node trial lab and removing it. */
final class AvailabilityProbe {
    private static final System.Logger LOG = System.getLogger(NetworkLab.class.getName());

    private AvailabilityProbe() {
    }

    static Availability probe() {
        String os = System.getProperty("os.name", "?");
        if (!os.startsWith("Linux")) {
            return Availability.no("this is " + os + ", not Linux");
        }
        long uid = effectiveUid();
        if (uid != 0) {
            return Availability.no("they need root, and this JVM runs as uid " + uid);
        }
        try {
            Commands.run("ip", "-V");
        } catch (NetworkLabException failure) {
            return Availability.no("iproute2's ip does not run: " + failure.getMessage());
        }
        String runId;
        try {
            runId = LabRegistry.claimRun(0);
        } catch (NetworkLabException failure) {
            return Availability.no(failure.getMessage());
        }
        try {
            trialLab(new LabNames(runId, 0));
            return Availability.yes();
        } catch (NetworkLabException failure) {
            return Availability.no(failure.getMessage());
        } finally {
            List<String> problems = Teardown.run(runId);
            if (!problems.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "trial lab {0} not fully removed: {1}", runId, problems);
            }
        }
    }

    /** Everything a lab does, once: a namespace, a veth pair into it on an isolated bridge port, a command inside. */
    private static void trialLab(LabNames names) {
        Commands.run("ip", "netns", "add", names.namespace(1));
        Commands.run("ip", "link", "add", names.dataBridge(), "type", "bridge");
        Commands.run("ip", "link", "add", names.dataLink(1), "type", "veth", "peer", "name", "data0", "netns",
                names.namespace(1));
        Commands.run("ip", "link", "set", names.dataLink(1), "master", names.dataBridge(), "up");
        Commands.run("ip", "link", "set", names.dataLink(1), "type", "bridge_slave", "isolated", "on");
        Commands.run("ip", "netns", "exec", names.namespace(1), "ip", "link", "set", "data0", "up");
    }

    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }
}
