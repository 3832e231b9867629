package io.clusterkv.core;

/** An increment or decrement would have left the range of a {@code long}. Nothing was changed. */
public class OverflowException extends KvException {

    /** Creates the exception with the message every clusterkv endpoint uses for this case. */
    public OverflowException() {
        super(Errors.OVERFLOW);
    }
}
