package io.clusterkv.core;

/**
 * The key holds a value of a type the operation cannot work on, such as an increment of a string, or a typed
 * {@code get} asking for another class than the one stored. Nothing was changed.
 */
public class WrongTypeException extends KvException {

    /**
     * @param message names the expected and the found type
     */
    public WrongTypeException(String message) {
        super(message);
    }
}
