package org.activity4j.client.internal;

import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.core.WireFormatException;

/** The message of an error response, also when the body is not the format's error JSON. */
public final class ErrorBodies {
    private static final int EXCERPT = 200;

    private ErrorBodies() {}

    /** The temBoard {@code "error"} text, or an excerpt of the body. */
    public static String temboardMessage(String body) {
        try {
            return TemboardCodec.decodeError(body);
        } catch (WireFormatException e) {
            return excerpt(body);
        }
    }

    /** The Landscape error, or one without a code whose message is an excerpt of the body. */
    public static LandscapeError landscapeError(String body) {
        try {
            return LandscapeCodec.decodeError(body);
        } catch (WireFormatException e) {
            return new LandscapeError("", excerpt(body));
        }
    }

    static String excerpt(String body) {
        String b = body.strip();
        if (b.isEmpty()) {
            return "(empty body)";
        }
        return b.length() <= EXCERPT ? b : b.substring(0, EXCERPT) + "...";
    }
}
