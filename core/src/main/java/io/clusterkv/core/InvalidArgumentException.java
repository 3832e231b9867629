package io.clusterkv.core;

/**
 * A caller passed an argument the store cannot accept: a null key, a null value, a TTL that is not positive or
 * too large, a key or value over the configured limits. Nothing was changed.
 */
public class InvalidArgumentException extends KvException {

    /**
     * @param message names the argument and what is allowed
     */
    public InvalidArgumentException(String message) {
        super(message);
    }
}
