package io.clusterkv.chaos.nemesis;

/**
 * One step of a fault schedule: injects a fault, holds it for its duration, heals it, and records its window in
 * the run's fault timeline. A step does not wait for the cluster to recover after the heal: the
 * {@link Schedule} does that between steps, so steps can also be nested (a kill during a partition,
 * {@link Overlap}).
 */
public interface Nemesis {

    /** @return what the step does, for the run's report, e.g. {@code kill -9 the coordinator, restart after 5 s} */
    String description();

    /** @return whether the step cuts the network, and so needs the nodes in a {@link io.clusterkv.chaos.net.NetworkLab} */
    default boolean needsNetworkLab() {
        return false;
    }

    /** @return whether the step injects a fault, after which the schedule waits for the cluster to recover */
    default boolean injectsFault() {
        return true;
    }

    /**
     * Runs the step on the calling thread.
     *
     * @throws RecoveryTimeoutException if a node it waits for does not come back in time
     */
    void run(NemesisContext context);
}
