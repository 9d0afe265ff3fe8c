package org.activity4j.query.internal;

import org.parboiled.Context;
import org.parboiled.buffers.InputBuffer;
import org.parboiled.support.Chars;
import org.parboiled.support.IndexRange;
import org.parboiled.support.Position;

/**
 * The query text as parboiled's input. The lexical matchers and the actions read {@link #text()} directly and
 * test the end with its length, so a U+FFFF in the text is an ordinary character, not parboiled's end marker.
 */
final class QueryInput implements InputBuffer {
    private final String text;

    QueryInput(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The query text of the parse that {@code context} belongs to. */
    static String text(Context<?> context) {
        return ((QueryInput) context.getInputBuffer()).text;
    }

    @Override
    public char charAt(int index) {
        return index >= 0 && index < text.length() ? text.charAt(index) : Chars.EOI;
    }

    @Override
    public boolean test(int index, char[] characters) {
        if (index < 0 || index + characters.length > text.length()) {
            return false;
        }
        for (int i = 0; i < characters.length; i++) {
            if (text.charAt(index + i) != characters[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String extract(int start, int end) {
        int from = Math.max(0, Math.min(start, text.length()));
        return text.substring(from, Math.max(from, Math.min(end, text.length())));
    }

    @Override
    public String extract(IndexRange range) {
        return extract(range.start, range.end);
    }

    @Override
    public Position getPosition(int index) {
        int line = 1;
        int lineStart = 0;
        int end = Math.max(0, Math.min(index, text.length()));
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, end - lineStart + 1);
    }

    @Override
    public int getOriginalIndex(int index) {
        return index;
    }

    @Override
    public String extractLine(int lineNumber) {
        String[] lines = text.split("\n", -1);
        return lineNumber >= 1 && lineNumber <= lines.length ? lines[lineNumber - 1] : "";
    }

    @Override
    public int getLineCount() {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
