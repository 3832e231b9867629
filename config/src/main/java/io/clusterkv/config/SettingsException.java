package io.clusterkv.config;

/**
 * A setting that cannot be used: an unknown key, or a value that does not parse or is out of range. The message
 * names the key, the value, where it came from and what is allowed; the node prints it and exits with status 2.
 */
public class SettingsException extends RuntimeException {

    /** @param message names the key, the value, its source and what is allowed */
    public SettingsException(String message) {
        super(message);
    }
}
