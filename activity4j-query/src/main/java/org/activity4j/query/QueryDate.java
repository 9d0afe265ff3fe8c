package org.activity4j.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.activity4j.query.internal.DateReader;

/**
 * A date of a {@code created-after:} or {@code created-before:} criterion, in UTC, with the precision it
 * was written in: {@code 2011-01}, {@code 2011-01-01}, {@code 2011-01-01T10:30} or
 * {@code 2011-01-01T10:30:15} (a trailing {@code Z} is accepted and not printed).
 *
 * <p>A partial date means the first instant it covers: {@code created-after:2011-01} is at or after
 * 2011-01-01T00:00:00Z and {@code created-before:2011-01} is before that same instant.
 *
 * <pre>{@code
 * QueryDate d = QueryDate.parse("2011-01");
 * d.precision();   // Precision.MONTH
 * d.instant();     // 2011-01-01T00:00:00Z
 * d.toString();    // "2011-01"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the first moment the date covers, truncated to {@code precision}; year 1 to 9999
 * @param precision how much of the date was written
 */
public record QueryDate(LocalDateTime start, Precision precision) {

    /** How much of a date was written. */
    public enum Precision {
        /** {@code 2011-01} */
        MONTH,
        /** {@code 2011-01-01} */
        DAY,
        /** {@code 2011-01-01T10:30} */
        MINUTE,
        /** {@code 2011-01-01T10:30:15} */
        SECOND
    }

    public QueryDate {
        if (start.getYear() < 1 || start.getYear() > 9999) {
            throw new IllegalArgumentException("year must be from 1 to 9999: " + start);
        }
        if (!start.equals(truncate(start, precision))) {
            throw new IllegalArgumentException(
                    "start must not be more precise than " + precision.name().toLowerCase() + ": " + start);
        }
    }

    /** Parses {@code 2011-01}, {@code 2011-01-01}, {@code 2011-01-01T10:30} or {@code 2011-01-01T10:30:15}. */
    public static QueryDate parse(String text) {
        return DateReader.parse(text);
    }

    /** The month as a whole: {@code 2011-01}. */
    public static QueryDate of(YearMonth month) {
        return new QueryDate(month.atDay(1).atStartOfDay(), Precision.MONTH);
    }

    /** The day as a whole: {@code 2011-01-01}. */
    public static QueryDate of(LocalDate day) {
        return new QueryDate(day.atStartOfDay(), Precision.DAY);
    }

    /** The given UTC date-time cut to the given precision. */
    public static QueryDate of(LocalDateTime utc, Precision precision) {
        return new QueryDate(truncate(utc, precision), precision);
    }

    /** The given instant to the second: {@code 2011-01-01T10:30:15}. */
    public static QueryDate of(Instant instant) {
        return of(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), Precision.SECOND);
    }

    /** The first instant the date covers, in UTC. */
    public Instant instant() {
        return start.toInstant(ZoneOffset.UTC);
    }

    /** The date as written in a query, at its precision, e.g. {@code 2011-01-01T10:30}. */
    @Override
    public String toString() {
        return DateReader.format(this);
    }

    private static LocalDateTime truncate(LocalDateTime t, Precision precision) {
        switch (precision) {
            case MONTH:
                return t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case DAY:
                return t.truncatedTo(ChronoUnit.DAYS);
            case MINUTE:
                return t.truncatedTo(ChronoUnit.MINUTES);
            case SECOND:
                return t.truncatedTo(ChronoUnit.SECONDS);
        }
        throw new AssertionError(precision);
    }
}
