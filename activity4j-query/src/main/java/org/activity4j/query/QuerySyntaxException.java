package org.activity4j.query;

/**
 * Query text that is not a valid query: says what is wrong, where (a 0-based offset into the input) and
 * what was expected there. The message shows the input with a caret under the position:
 *
 * <pre>
 * unknown status 'done'; expected a status: undelivered, unapproved, delivered, canceled, failed, succeeded or scheduled
 *   status:done computer:tag:laptop
 *          ^
 * </pre>
 *
 * <pre>{@code
 * try {
 *     QueryCriteria.parse(userText);
 * } catch (QuerySyntaxException e) {
 *     highlight(e.position());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int EXCERPT_RADIUS = 60;

    private final String input;
    private final int position;
    private final String problem;
    private final String expected;

    /**
     * @param input the whole query text
     * @param position 0-based offset of the error in {@code input}, from 0 to {@code input.length()}
     * @param problem what is wrong, for people, naming the bad value
     * @param expected what would have been valid at {@code position}, for people
     */
    public QuerySyntaxException(String input, int position, String problem, String expected) {
        super(problem + "; expected " + expected + System.lineSeparator() + excerpt(input, position));
        if (position < 0 || position > input.length()) {
            throw new IllegalArgumentException(
                    "position must be within the input (0 to " + input.length() + "): " + position);
        }
        this.input = input;
        this.position = position;
        this.problem = problem;
        this.expected = expected;
    }

    /** The problem, what was expected, and the excerpt with the caret; never null. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }

    /** The whole query text that was parsed. */
    public String input() {
        return input;
    }

    /** The 0-based offset in {@link #input()} where the error is; {@code input().length()} for the end. */
    public int position() {
        return position;
    }

    /** What is wrong, without the excerpt, e.g. {@code unknown status 'done'}. */
    public String problem() {
        return problem;
    }

    /** What would have been valid at the position, e.g. {@code a criterion after OR}. */
    public String expected() {
        return expected;
    }

    /** Two lines: the input (a window of it around the position if it is long) and a caret under the position. */
    private static String excerpt(String input, int position) {
        int clamped = Math.max(0, Math.min(position, input.length()));
        int from = Math.max(0, clamped - EXCERPT_RADIUS);
        int to = Math.min(input.length(), clamped + EXCERPT_RADIUS);
        StringBuilder line = new StringBuilder("  ");
        if (from > 0) {
            line.append("...");
        }
        int caretColumn = line.length() + (clamped - from);
        for (int i = from; i < to; i++) {
            char c = input.charAt(i);
            line.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (to < input.length()) {
            line.append("...");
        }
        return line + System.lineSeparator() + " ".repeat(caretColumn) + "^";
    }
}
