package org.activity4j.testkit.internal;

import java.util.Optional;

/** Reads a setting from a system property first, then from the environment; blank counts as absent. */
public final class Settings {
    private Settings() {}

    public static Optional<String> get(String property, String environmentVariable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
