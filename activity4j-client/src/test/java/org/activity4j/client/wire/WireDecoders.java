package org.activity4j.client.wire;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.activity4j.client.internal.RetryAfter;
import org.activity4j.core.WireFormatException;

/** Every decoder of outside input, for the "throws nothing but WireFormatException" tests. */
final class WireDecoders {
    private WireDecoders() {}

    static final List<Consumer<String>> TEMBOARD = List.of(
            TemboardCodec::decodeActivity,
            TemboardCodec::decodeLocks,
            s -> TemboardCodec.decodeActivity(stream(s)),
            s -> TemboardCodec.decodeLocks(stream(s)),
            TemboardCodec::decodeBlocking,
            s -> org.activity4j.client.internal.TemboardRows.preparedHolders(
                    TemboardCodec.decodeBlocking(stream(s)).preparedRows()),
            TemboardCodec::decodeKillRequest,
            TemboardCodec::decodeKillResponse,
            TemboardCodec::decodeLogin,
            TemboardCodec::decodeSession,
            TemboardCodec::decodeLogout,
            TemboardCodec::decodeProfile,
            TemboardCodec::decodeError,
            s -> HumanBytes.parse("read_s", s));

    /** The decoders of temBoard 8-10's signed API, and what the client makes of their rows. */
    static final List<Consumer<String>> TEMBOARD_SIGNED = List.of(
            TemboardSessionsCodec::decodeSessions,
            TemboardSessionsCodec::decodeLocks,
            s -> {
                List<TemboardSessionRow> rows = org.activity4j.client.internal.TemboardSignedRows.distinct(
                        TemboardSessionsCodec.decodeSessions(s));
                org.activity4j.client.internal.TemboardSignedRows.backends(
                        rows,
                        List.of(),
                        java.util.Map.of(),
                        new org.activity4j.client.internal.ProcessCounters(100).update(rows, 1));
            },
            s -> {
                List<TemboardLocksRow> locks = TemboardSessionsCodec.decodeLocks(s);
                List<TemboardLockRow> none = List.of();
                org.activity4j.client.internal.TemboardSignedRows.waits(none, locks);
                org.activity4j.client.internal.TemboardSignedRows.holders(none, none, locks);
            });

    static final List<Consumer<String>> LANDSCAPE = List.of(
            LandscapeCodec::decodeActivities,
            LandscapeCodec::decodeActivity,
            s -> LandscapeCodec.decodeActivities(stream(s)),
            s -> LandscapeCodec.decodeActivityTypes(stream(s)),
            s -> LandscapeCodec.decodeIds(stream(s)),
            s -> RetryAfter.parse(s, Instant.EPOCH),
            LandscapeCodec::decodeActivityTypes,
            LandscapeCodec::decodeIds,
            LandscapeCodec::decodeError,
            LandscapeCodec::parseReasons,
            LandscapeParams::decode,
            s -> LandscapeParams.list(LandscapeParams.decode(s), "ids"),
            LandscapeSignature::parseTimestamp);

    /** The text as a UTF-8 stream, as a response body arrives. */
    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs every decoder on the text; a WireFormatException is fine, anything else fails the test. */
    static void throwNothingButWireFormatException(List<Consumer<String>> decoders, String text) {
        for (Consumer<String> decoder : decoders) {
            try {
                decoder.accept(text);
            } catch (WireFormatException e) {
                if (e.field().isEmpty() || e.getMessage() == null) {
                    throw new AssertionError("a WireFormatException without field or message", e);
                }
            }
        }
    }
}
