package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.activity4j.client.Recorded10;
import org.activity4j.core.JsonValue;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the signed API's codecs (temBoard 8-10): what the encoders write decodes to the same rows, the
 * decoders (and the client's handling of their rows) throw nothing but WireFormatException on recorded bodies
 * with random edits, and the canonical request's quoting keeps only its safe bytes. Replay a failure with {@code
 * -DQT_SEED=<seed>}.
 */
class TemboardSessionsPropertyTest {
    private static final List<String> RECORDED = List.of(
            Recorded10.exchange("sessions_locks.txt", "GET /activity/sessions").body(),
            Recorded10.exchange("locks.txt", "GET /activity/locks").body(),
            Recorded10.exchange("sessions_locks.txt", "GET /activity/sessions?limit=1")
                    .body());

    private static final String EDITS = "{}[]\",:0-9.eEnul tfr\\x\u00e9";

    /** A recorded body with up to 8 characters replaced, inserted or removed at random places. */
    private static final Gen<String> MUTATED = Generate.pick(RECORDED)
            .zip(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 24), (body, edits) -> {
                StringBuilder b = new StringBuilder(body);
                for (int i = 0; i + 2 < edits.size(); i += 3) {
                    int at = edits.get(i) % (b.length() + 1);
                    char c = EDITS.charAt(edits.get(i + 1) % EDITS.length());
                    switch (edits.get(i + 2) % 3) {
                        case 0 -> b.insert(at, c);
                        case 1 -> {
                            if (at < b.length()) {
                                b.setCharAt(at, c);
                            }
                        }
                        default -> {
                            if (at < b.length()) {
                                b.deleteCharAt(at);
                            }
                        }
                    }
                }
                return b.toString();
            });

    private static final Gen<Optional<String>> MAYBE = strings()
            .basicLatinAlphabet()
            .ofLengthBetween(0, 8)
            .map(s -> Optional.of(s))
            .mix(Generate.constant(Optional.empty()), 30);

    private static final Gen<Optional<Instant>> TIME = longs().between(0, 4_000_000_000_000_000L)
            .map(micros -> Optional.of(Instant.EPOCH.plusNanos(micros * 1000)))
            .mix(Generate.constant(Optional.<Instant>empty()), 30);

    private static final Gen<OptionalLong> COUNTER = longs().between(0, Long.MAX_VALUE)
            .map(v -> OptionalLong.of(v))
            .mix(Generate.constant(OptionalLong.empty()), 30);

    @Test
    void decodersThrowNothingButWireFormatException() {
        qt().withExamples(3000)
                .forAll(MUTATED)
                .checkAssert(
                        text -> WireDecoders.throwNothingButWireFormatException(WireDecoders.TEMBOARD_SIGNED, text));
    }

    @Test
    void sessionRowsRoundTrip() {
        Gen<TemboardSessionRow> rows = integers()
                .between(1, Integer.MAX_VALUE)
                .zip(MAYBE, MAYBE, TIME, TIME, (pid, user, app, start, query) ->
                        new Object[] {pid, user, app, start, query})
                .zip(
                        integers().between(0, 10_000_000),
                        booleans().all(),
                        COUNTER,
                        COUNTER,
                        (a, hundredths, waiting, cpu, read) -> new TemboardSessionRow(
                                (Integer) a[0],
                                cast(a[1]),
                                cast(a[1]),
                                cast(a[2]),
                                Optional.of("db"),
                                Optional.of("active"),
                                cast(a[3]),
                                cast(a[4]),
                                hundredths % 7 == 0 ? OptionalDouble.empty() : OptionalDouble.of(hundredths / 100.0),
                                "SELECT " + hundredths,
                                waiting,
                                !waiting,
                                cpu,
                                read,
                                cpu.isPresent() ? Optional.of("S") : Optional.empty(),
                                read,
                                cpu,
                                Map.of("backend_type", JsonValue.nullValue())));
        qt().forAll(lists().of(rows).ofSizeBetween(0, 4))
                .checkAssert(list -> assertThat(
                                TemboardSessionsCodec.decodeSessions(TemboardSessionsCodec.encodeSessions(list)))
                        .isEqualTo(list));
    }

    @Test
    void locksRowsRoundTrip() {
        Gen<TemboardLocksRow> rows = integers()
                .between(1, Integer.MAX_VALUE)
                .zip(
                        MAYBE,
                        MAYBE,
                        TIME,
                        booleans().all(),
                        (pid, db, rel, start, granted) -> new TemboardLocksRow(
                                pid,
                                "relation",
                                db,
                                Optional.empty(),
                                rel,
                                "AccessShareLock",
                                granted,
                                granted ? OptionalInt.empty() : OptionalInt.of(pid % 1000 + 1),
                                start,
                                List.of(pid % 77 + 1, pid % 77 + 1),
                                Map.of()));
        qt().forAll(lists().of(rows).ofSizeBetween(0, 4))
                .checkAssert(
                        list -> assertThat(TemboardSessionsCodec.decodeLocks(TemboardSessionsCodec.encodeLocks(list)))
                                .isEqualTo(list));
    }

    @Test
    void quotingKeepsOnlySafeBytesAndIsInjective() {
        qt().forAll(
                        strings().allPossible().ofLengthBetween(0, 12),
                        strings().allPossible().ofLengthBetween(0, 12))
                .checkAssert((a, b) -> {
                    String qa = TemboardSignature.quote(a);
                    assertThat(qa).matches("[A-Za-z0-9_.~/+%-]*");
                    if (!a.equals(b)
                            && java.util.Arrays.equals(
                                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))) {
                        return; // two texts with the same UTF-8 bytes (unpaired surrogates)
                    }
                    assertThat(qa.equals(TemboardSignature.quote(b))).isEqualTo(a.equals(b));
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
