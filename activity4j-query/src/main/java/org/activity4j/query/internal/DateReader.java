package org.activity4j.query.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import org.activity4j.query.QueryDate;
import org.activity4j.query.QueryDate.Precision;

/** Reads and writes the dates of {@code created-after:} and {@code created-before:}, digit by digit. */
public final class DateReader {
    /** What a date looks like, for error messages. */
    public static final String EXPECTED = "a UTC date: YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS";

    private DateReader() {}

    /** Parses a date; {@link InvalidValueException} with the offset of the bad part on failure. */
    public static QueryDate parse(String text) {
        boolean zulu = text.endsWith("Z") && (text.length() == 17 || text.length() == 20);
        String s = zulu ? text.substring(0, text.length() - 1) : text;
        int n = s.length();
        Precision precision;
        if (n == 7) {
            precision = Precision.MONTH;
        } else if (n == 10) {
            precision = Precision.DAY;
        } else if (n == 16) {
            precision = Precision.MINUTE;
        } else if (n == 19) {
            precision = Precision.SECOND;
        } else {
            throw new InvalidValueException(0, "malformed date '" + text + "'");
        }
        int year = digits(text, s, 0, 4);
        separator(text, s, 4, '-');
        int month = range(text, digits(text, s, 5, 2), 1, 12, 5, "month");
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        if (n >= 10) {
            separator(text, s, 7, '-');
            day = range(text, digits(text, s, 8, 2), 1, 31, 8, "day");
        }
        if (n >= 16) {
            separator(text, s, 10, 'T');
            hour = range(text, digits(text, s, 11, 2), 0, 23, 11, "hour");
            separator(text, s, 13, ':');
            minute = range(text, digits(text, s, 14, 2), 0, 59, 14, "minute");
        }
        if (n == 19) {
            separator(text, s, 16, ':');
            second = range(text, digits(text, s, 17, 2), 0, 59, 17, "second");
        }
        if (year < 1) {
            throw new InvalidValueException(0, "year 0000 is out of range (0001 to 9999) in date '" + text + "'");
        }
        LocalDateTime start;
        try {
            start = LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            throw new InvalidValueException(8, "no such day in date '" + text + "': " + e.getMessage());
        }
        return new QueryDate(start, precision);
    }

    /** The canonical text of a date at its precision, without a zone letter. */
    public static String format(QueryDate date) {
        LocalDateTime t = date.start();
        StringBuilder b = new StringBuilder(19);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2);
        Precision p = date.precision();
        if (p != Precision.MONTH) {
            pad(b.append('-'), t.getDayOfMonth(), 2);
        }
        if (p == Precision.MINUTE || p == Precision.SECOND) {
            pad(b.append('T'), t.getHour(), 2);
            pad(b.append(':'), t.getMinute(), 2);
        }
        if (p == Precision.SECOND) {
            pad(b.append(':'), t.getSecond(), 2);
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private static int digits(String text, String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidValueException(i, "malformed date '" + text + "': '" + c + "' where a digit belongs");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void separator(String text, String s, int at, char expected) {
        if (s.charAt(at) != expected) {
            throw new InvalidValueException(
                    at, "malformed date '" + text + "': '" + s.charAt(at) + "' where '" + expected + "' belongs");
        }
    }

    private static int range(String text, int value, int min, int max, int at, String what) {
        if (value < min || value > max) {
            throw new InvalidValueException(
                    at, what + " " + value + " is out of range (" + min + " to " + max + ") in date '" + text + "'");
        }
        return value;
    }
}
