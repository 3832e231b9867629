package io.clusterkv.core;

/**
 * Root of every error a clusterkv store reports. All are unchecked; a call that throws one changed nothing
 * unless the subclass says otherwise ({@code WriteOutcomeUnknownException} in the cluster module).
 */
public class KvException extends RuntimeException {

    /**
     * @param message what was wrong, in words a user can act on
     */
    public KvException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, in words a user can act on
     * @param cause the underlying failure
     */
    public KvException(String message, Throwable cause) {
        super(message, cause);
    }
}
