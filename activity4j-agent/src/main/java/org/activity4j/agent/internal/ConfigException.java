package org.activity4j.agent.internal;

/**
 * A configuration the agent refuses to start with: an unknown key, a bad value, a missing or malformed file.
 * The message names the key, the file and line, or the value (never a secret) and is meant for the person
 * starting the agent; the runnable agent prints it and exits with status 2.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public ConfigException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
