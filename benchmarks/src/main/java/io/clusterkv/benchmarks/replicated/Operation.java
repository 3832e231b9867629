package io.clusterkv.benchmarks.replicated;

import java.util.Locale;

/** The replicated writes compared: what each system does for them is in its {@link ReplicatedSystem}. */
public enum Operation {
    /** One key, one 32-byte value. */
    SET,
    /** Add one to a counter and return the new value, atomically. */
    INCREMENT,
    /** Three keys, each a 32-byte value, in one call. */
    MSET;

    /** @return the name used on the command line and in the results, e.g. {@code set} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a name as {@link #label()} gives it
     * @return the operation of that name
     * @throws IllegalArgumentException if there is none
     */
    public static Operation of(String label) {
        for (Operation operation : values()) {
            if (operation.label().equals(label)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + label + "': set, increment or mset");
    }
}
