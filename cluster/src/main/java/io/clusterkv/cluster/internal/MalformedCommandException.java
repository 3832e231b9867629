package io.clusterkv.cluster.internal;

/** Bytes from the ordered stream that do not decode into a command; the command is skipped and counted. */
public final class MalformedCommandException extends RuntimeException {

    /** @param message what did not decode */
    public MalformedCommandException(String message) {
        super(message);
    }

    /** @param message what did not decode @param cause the decoder's failure */
    public MalformedCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
