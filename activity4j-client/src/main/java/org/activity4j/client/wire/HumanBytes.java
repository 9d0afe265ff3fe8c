package org.activity4j.client.wire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.OptionalDouble;
import org.activity4j.core.WireFormatException;

/**
 * The temBoard agent's byte figures ({@code read_s}, {@code write_s}): a number with two decimals and a
 * binary unit, {@code "0.00B"}, {@code "3.80K"}, {@code "74.62M"} (1K = 1024), or {@code "N/A"} when unknown.
 *
 * <pre>{@code
 * HumanBytes.parse("read_s", "74.62M");          // OptionalDouble[78244126.72]
 * HumanBytes.format(OptionalDouble.of(3891.2));   // "3.80K"
 * HumanBytes.format(OptionalDouble.empty());      // "N/A"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HumanBytes {
    /** What the agent sends for a figure it could not read. */
    public static final String NOT_AVAILABLE = "N/A";

    private static final String UNITS = "BKMGTPE";
    private static final int MAX_LENGTH = 40;
    private static final String ZERO = "0.00B";

    private HumanBytes() {}

    /**
     * Bytes written as the agent writes them: the largest unit that keeps the number below 1024, two
     * decimals rounded half up; {@code "N/A"} when empty.
     *
     * @throws IllegalArgumentException if the value is negative or not finite
     */
    public static String format(OptionalDouble bytes) {
        if (bytes.isEmpty()) {
            return NOT_AVAILABLE;
        }
        double value = bytes.getAsDouble();
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("bytes must be finite and >= 0: " + value);
        }
        if (value == 0) {
            return ZERO; // an idle backend's figures: most of an answer's
        }
        int unit = 0;
        BigDecimal scaled = BigDecimal.valueOf(value);
        BigDecimal k = BigDecimal.valueOf(1024);
        while (unit < UNITS.length() - 1
                && scaled.setScale(2, RoundingMode.HALF_UP).compareTo(k) >= 0) {
            scaled = scaled.divide(k);
            unit++;
        }
        // Plain digits: a non-negative BigDecimal of scale 2 prints without an exponent.
        return scaled.setScale(2, RoundingMode.HALF_UP).toString() + UNITS.charAt(unit);
    }

    /**
     * Bytes from the agent's text: a non-negative decimal number and one of the units {@code B K M G T P E}
     * (a lowercase unit and a {@code /s} suffix are accepted too); {@code "N/A"} is empty.
     *
     * @param field the field name for the error message
     * @throws WireFormatException naming the field and the text when it is neither
     */
    public static OptionalDouble parse(String field, String text) {
        if (text.equals(NOT_AVAILABLE)) {
            return OptionalDouble.empty();
        }
        String t = text.trim();
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        if (t.isEmpty() || t.length() > MAX_LENGTH) {
            throw WireFormatException.badValue(field, text, "expected bytes such as \"74.62M\" or \"N/A\"");
        }
        int unit = UNITS.indexOf(Character.toUpperCase(t.charAt(t.length() - 1)));
        String number = t.substring(0, t.length() - 1);
        if (unit < 0 || number.isEmpty() || !number.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            throw WireFormatException.badValue(field, text, "expected bytes such as \"74.62M\" or \"N/A\"");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw WireFormatException.badValue(field, text, "expected bytes such as \"74.62M\" or \"N/A\"", e);
        }
        return OptionalDouble.of(n.multiply(BigDecimal.valueOf(1024).pow(unit)).doubleValue());
    }
}
