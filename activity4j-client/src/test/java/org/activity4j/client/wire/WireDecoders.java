package org.activity4j.client.wire;

import java.util.List;
import java.util.function.Consumer;
import org.activity4j.core.WireFormatException;

/** Every decoder of outside input, for the "throws nothing but WireFormatException" tests. */
final class WireDecoders {
    private WireDecoders() {}

    static final List<Consumer<String>> TEMBOARD = List.of(
            TemboardCodec::decodeActivity,
            TemboardCodec::decodeLocks,
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
            LandscapeCodec::decodeActivityTypes,
            LandscapeCodec::decodeIds,
            LandscapeCodec::decodeError,
            LandscapeCodec::parseReasons,
            LandscapeParams::decode,
            s -> LandscapeParams.list(LandscapeParams.decode(s), "ids"),
            LandscapeSignature::parseTimestamp);

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
