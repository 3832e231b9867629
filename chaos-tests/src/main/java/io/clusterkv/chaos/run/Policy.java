package io.clusterkv.chaos.run;

import java.util.List;

/** The partition policy a run's nodes use (docs/design/partitions.md), and the flags that set it. */
public enum Policy {

    /** Only a part holding a majority of the stable membership writes; acknowledged writes survive. */
    MAJORITY("majority"),

    /** Every part writes; on the merge the largest part's state survives and the others' writes are discarded. */
    ALLOW_ALL("allow-all");

    private final String setting;

    Policy(String setting) {
        this.setting = setting;
    }

    /** @return the value of the {@code partition-policy} setting */
    public String setting() {
        return setting;
    }

    /** @return the node flags for this policy in a cluster meant to have {@code expectedSize} nodes */
    List<String> flags(int expectedSize) {
        return List.of("--partition-policy", setting, "--expected-size", String.valueOf(expectedSize));
    }
}
