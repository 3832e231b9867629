package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A graceful leave under load: SIGTERM of a node, which leaves the cluster (and its stable membership) and must
 * exit 0; with a {@code rejoinAfter}, the node is started again with the same name after that long and joins as
 * a new member. The fault window runs from SIGTERM to the exit, or to the restart when it rejoins. A leave that
 * does not exit 0 is recorded as an anomaly, which fails the run's recovery verdict.
 *
 * @param target      which node
 * @param rejoinAfter how long it stays away before it joins again; null to stay away
 */
public record LeaveNemesis(NodeChoice target, @Nullable Duration rejoinAfter) implements Nemesis {

    /** @throws NullPointerException if the target is null */
    public LeaveNemesis {
        Objects.requireNonNull(target, "target cannot be null");
    }

    /** @return a leave for good */
    public static LeaveNemesis leave(NodeChoice target) {
        return new LeaveNemesis(target, null);
    }

    /** @return a leave, then a join of the same node after {@code away} */
    public static LeaveNemesis leaveAndRejoin(NodeChoice target, Duration away) {
        return new LeaveNemesis(target, Objects.requireNonNull(away, "away cannot be null"));
    }

    @Override
    public String description() {
        return "graceful leave (SIGTERM) of " + target.description()
                + (rejoinAfter == null ? "" : ", rejoins after " + rejoinAfter.toSeconds() + " s");
    }

    @Override
    public void run(NemesisContext context) {
        String node = target.choose(context);
        var fault = context.faults().begin("leave " + node, "SIGTERM of " + node + " (" + target.description()
                + "): graceful leave" + (rejoinAfter == null ? ""
                : ", started again with the same name after " + rejoinAfter.toSeconds() + " s"));
        int status = context.cluster().leave(node);
        if (status != 0) {
            context.anomaly(node + " exited with status " + status + " after SIGTERM, expected 0 (log "
                    + context.cluster().logFile(node) + ")");
        }
        if (rejoinAfter != null) {
            context.hold(rejoinAfter);
            context.cluster().join(node);
        }
        fault.end();
    }
}
