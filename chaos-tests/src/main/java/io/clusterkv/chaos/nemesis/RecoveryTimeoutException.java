package io.clusterkv.chaos.nemesis;

/**
 * The cluster did not become whole again in time after a fault: a node not back, not ready, or not in the others'
 * view. The message says what each node reported and where its log is.
 */
public final class RecoveryTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was awaited, and each node's state when the wait ended */
    public RecoveryTimeoutException(String message) {
        super(message);
    }
}
