package io.clusterkv.chaos.net;

import java.util.Objects;

/**
 * Whether this machine lets {@link NetworkLab} build labs, and if not, why. Chaos tests that need a lab skip with
 * {@link #reason()} (or fail, where the environment promises labs): they never pass without one.
 *
 * @param available whether network namespaces, veth pairs and bridges can be made here
 * @param reason    why not, or a short confirmation when they can
 */
public record Availability(boolean available, String reason) {

    /** @throws NullPointerException if {@code reason} is null */
    public Availability {
        Objects.requireNonNull(reason, "reason cannot be null");
    }

    static Availability yes() {
        return new Availability(true, "network namespaces, veth pairs and bridges work (running as root)");
    }

    static Availability no(String reason) {
        return new Availability(false, "network namespaces are not available: " + reason);
    }
}
