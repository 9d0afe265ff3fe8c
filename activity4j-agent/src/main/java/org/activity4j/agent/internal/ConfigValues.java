package org.activity4j.agent.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of configuration values, read strictly: a duration is a whole number and a unit, {@code
 * 500ms}, {@code 10s}, {@code 15m}, {@code 1h} ({@code 0s} for none); a number is decimal digits; a boolean is
 * {@code true} or {@code false}. Nothing is trimmed: {@code "10s "} is refused, so that what is read is what
 * was meant. Each method throws {@link IllegalArgumentException} with a message that says what was expected;
 * the caller adds the key.
 */
final class ConfigValues {
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    private ConfigValues() {}

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a duration (a whole number and ms, s, m or h, such as 500ms, 10s, 15m, 1h)");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            default:
                return Duration.ofHours(n);
        }
    }

    static int integer(String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number (decimal digits, at most 9)");
        }
        return Integer.parseInt(text);
    }

    static boolean bool(String text) {
        switch (text) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("not true or false");
        }
    }

    /** The text form of {@code d} that {@link #duration(String)} reads back. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
