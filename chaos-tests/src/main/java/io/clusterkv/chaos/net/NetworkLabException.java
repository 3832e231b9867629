package io.clusterkv.chaos.net;

/** A network lab could not be built, changed or removed: the message names the command that failed and why. */
public final class NetworkLabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, with the command and its error output */
    public NetworkLabException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the underlying failure
     */
    public NetworkLabException(String message, Throwable cause) {
        super(message, cause);
    }
}
