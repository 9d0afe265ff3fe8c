package org.activity4j.client.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110, 10.2.3): a number of seconds ({@code 120}) or an HTTP date ({@code
 * Fri, 31 Dec 1999 23:59:59 GMT}), as the instant it names. Anything else, a negative or signed number, or a
 * number too large for an instant, is empty: a header the client cannot read is a header it ignores.
 *
 * <pre>{@code
 * Optional<Instant> when = RetryAfter.parse("30", Instant.now());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RetryAfter {
    /** The longest header read; longer ones are ignored. */
    static final int MAX_LENGTH = 64;

    private RetryAfter() {}

    /** The instant {@code value} names, counting seconds from {@code now}; empty when it is not readable. */
    public static Optional<Instant> parse(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (v.length() > 12) { // more than 31,000 years
                return Optional.empty();
            }
            try {
                return Optional.of(now.plusSeconds(Long.parseLong(v)));
            } catch (DateTimeException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
