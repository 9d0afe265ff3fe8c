package org.activity4j.client.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC: seconds always, the fraction in groups of three digits,
 * none when zero), written without {@link java.time.format.DateTimeFormatter}: the agent writes four or five
 * instants per backend of every answer, and the formatter's print context and builders were a fifteenth of
 * its CPU per call (PERFORMANCE.md, "Agent server CPU"). Years outside 0000-9999, which the formatter writes
 * with a sign, go to {@link Instant#toString()}. Stateless.
 */
public final class IsoInstants {
    private static final long SECONDS_PER_DAY = 86_400;

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
    private static final long MIN_SECOND = -62_167_219_200L;

    private static final long END_SECOND = 253_402_300_800L;

    private IsoInstants() {}

    /** The same text as {@code instant.toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= END_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] c = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(c, 0, date.getYear(), 4);
        c[4] = '-';
        put(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        put(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, secondOfDay % 60, 2);
        int end = 19;
        if (digits > 0) {
            c[end] = '.';
            int fraction = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            put(c, end + 1, fraction, digits);
            end += digits + 1;
        }
        c[end] = 'Z';
        return new String(c);
    }

    /** {@code value} in {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] c, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
