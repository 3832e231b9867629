package io.clusterkv.cluster;

import io.clusterkv.core.KvException;

/**
 * A write was sent but its application was not confirmed in time (write timeout, a node closing, a lost
 * coordinator). It may or may not have been applied: read the key to find out, or retry an idempotent write.
 */
public class WriteOutcomeUnknownException extends KvException {

    /** @param message what happened and how long the caller waited */
    public WriteOutcomeUnknownException(String message) {
        super(message);
    }
}
