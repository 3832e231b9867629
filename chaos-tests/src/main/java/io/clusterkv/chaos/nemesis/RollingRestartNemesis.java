package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.Objects;

/**
 * A rolling restart: every member in turn is stopped with SIGTERM (a graceful leave, exit 0 expected) and started
 * again with the same name and ports; the next one goes only once the cluster is whole again, and after
 * {@code between}. One fault window per node, from SIGTERM until it is ready again.
 *
 * @param between the pause between two restarts, once the cluster is whole
 */
public record RollingRestartNemesis(Duration between) implements Nemesis {

    /** @throws NullPointerException if the pause is null */
    public RollingRestartNemesis {
        Objects.requireNonNull(between, "between cannot be null");
    }

    @Override
    public String description() {
        return "rolling restart of every node (SIGTERM, start again, wait until whole, " + between.toSeconds()
                + " s, next)";
    }

    @Override
    public void run(NemesisContext context) {
        ChaosCluster cluster = context.cluster();
        for (String node : cluster.members()) {
            var fault = context.faults().begin("restart " + node, "SIGTERM of " + node
                    + " and start again with the same name and ports");
            long stopped = context.now();
            int status = cluster.leave(node);
            if (status != 0) {
                context.anomaly(node + " exited with status " + status + " after SIGTERM, expected 0 (log "
                        + cluster.logFile(node) + ")");
            }
            cluster.join(node);
            try {
                cluster.awaitReady(node, context.recoveryTimeout());
            } finally {
                fault.end();
            }
            cluster.awaitHealthy(context.recoveryTimeout());
            context.note(node + " restarted: cluster whole again " + NemesisContext.seconds(context.now() - stopped)
                    + " after SIGTERM");
            context.hold(between);
        }
    }
}
