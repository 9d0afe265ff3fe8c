package org.activity4j.query.internal;

/**
 * A value that is not valid for its criterion; {@code offset} is where in the value the problem starts.
 * The parser turns it into a {@code QuerySyntaxException} at the value's position plus the offset.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public InvalidValueException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
