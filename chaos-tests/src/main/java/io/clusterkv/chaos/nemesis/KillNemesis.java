package io.clusterkv.chaos.nemesis;

import java.time.Duration;
import java.util.Objects;

/**
 * kill -9 of a node, which is started again with the same name and ports after {@code downtime}: a crash and a
 * restart. The fault window runs from the kill to the restart.
 *
 * @param target   which node
 * @param downtime how long it stays dead
 */
public record KillNemesis(NodeChoice target, Duration downtime) implements Nemesis {

    /** @throws NullPointerException if a component is null */
    public KillNemesis {
        Objects.requireNonNull(target, "target cannot be null");
        Objects.requireNonNull(downtime, "downtime cannot be null");
    }

    @Override
    public String description() {
        return "kill -9 " + target.description() + ", restart after " + downtime.toSeconds() + " s";
    }

    @Override
    public void run(NemesisContext context) {
        String node = target.choose(context);
        var fault = context.faults().begin("kill -9 " + node, "SIGKILL of " + node + " (" + target.description()
                + "), started again with the same name and ports after " + downtime.toSeconds() + " s");
        context.cluster().kill(node);
        context.hold(downtime);
        context.cluster().restart(node);
        fault.end();
    }
}
