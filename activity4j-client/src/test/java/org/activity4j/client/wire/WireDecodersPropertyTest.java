package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.activity4j.client.Fixtures;
import org.activity4j.core.Activity;
import org.activity4j.core.JsonValue;
import org.activity4j.core.Person;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.SignalResult;
import org.activity4j.query.ActivityStatus;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of every decoder of outside input: nothing but WireFormatException escapes, and what the encoders
 * write decodes to the same values. A failure prints the seed; {@code -DQT_SEED=<seed>} replays it.
 */
class WireDecodersPropertyTest {

    /** JSON-ish text built from the fragments that matter to the decoders, including bits of real bodies. */
    private static final Gen<String> JSONISH = lists().of(Generate.pick(List.of(
                    "{",
                    "}",
                    "[",
                    "]",
                    ",",
                    ":",
                    "\"",
                    "\\",
                    "\"rows\"",
                    "\"pid\"",
                    "\"pids\"",
                    "\"id\"",
                    "1",
                    "-1",
                    "1.5",
                    "1e999999",
                    "99999999999999999999",
                    "true",
                    "null",
                    "\"N/A\"",
                    "\"74.62M\"",
                    "\" \"",
                    "\"creator\"",
                    "\"activity_status\"",
                    "\"2012-03-06T18:52:09Z\"",
                    "\"error\"",
                    "\"session\"",
                    "\"duration\"",
                    "\"12 => x\"",
                    " ",
                    "\u00e9",
                    "\uD800")))
            .ofSizeBetween(0, 30)
            .map(l -> String.join("", l));

    /** A blocking answer of the reference agent with a prepared transaction (its prepared_rows extension). */
    static final String PREPARED_BLOCKING = "{\"rows\":[],\"prepared_rows\":[{\"gid\":\"test\",\"transaction\":5,"
            + "\"owner\":null,\"database\":\"test\",\"prepared\":\"2012-03-06T18:52:09Z\",\"mode\":\"ExclusiveLock\","
            + "\"type\":\"transactionid\",\"relation\":null,\"relation_oid\":null,"
            + "\"lock_object\":\"transactionid;transactionid=5\",\"blocking\":[7283]}]}";

    /** Real bodies with one fragment replaced: shapes that get past the envelope checks. */
    private static final Gen<String> MUTATED = Generate.pick(List.of(
                    Fixtures.body("activity.txt"),
                    Fixtures.body("activity_waiting.txt"),
                    Fixtures.body("recorded_kill_sleeper_7286_own_nonexistent.txt"),
                    PREPARED_BLOCKING,
                    LandscapeCodecTest.CHANGE_PACKAGES,
                    LandscapeCodecTest.SYNC_POCKET))
            .zip(
                    Generate.pick(List.of("0.0", "\"N\"", "7283", "\"test\"", "null", "\"0.00B\"", "36", "5", "false")),
                    Generate.pick(List.of("-1", "\"\"", "null", "1.0", "[]", "{}", "\"X\"", "1e400", "true", "-0.0")),
                    (body, from, to) -> body.replaceFirst(java.util.regex.Pattern.quote(from), to));

    @Test
    void temboardDecodersThrowNothingButWireFormatException() {
        qt().withExamples(3000)
                .forAll(JSONISH.mix(MUTATED, 50))
                .checkAssert(text -> WireDecoders.throwNothingButWireFormatException(WireDecoders.TEMBOARD, text));
    }

    @Test
    void landscapeDecodersThrowNothingButWireFormatException() {
        qt().withExamples(3000)
                .forAll(JSONISH.mix(MUTATED, 50))
                .checkAssert(text -> WireDecoders.throwNothingButWireFormatException(WireDecoders.LANDSCAPE, text));
    }

    private static final Gen<String> STRINGS =
            strings().allPossible().ofLengthBetween(0, 10).map(s -> LandscapeParamsTest.wellFormed(s));

    private static final Gen<OptionalDouble> FIGURE =
            doubles().between(0, 1e6).map(d -> OptionalDouble.of(d)).mix(Generate.constant(OptionalDouble.empty()), 30);

    /** Byte figures as the agent writes them: their text is exact, so they survive the round trip. */
    private static final Gen<OptionalDouble> BYTES = integers()
            .between(0, 102_399)
            .map(h -> HumanBytes.parse("f", HumanBytes.format(OptionalDouble.of(h / 100.0 * 1024))))
            .mix(Generate.constant(OptionalDouble.empty()), 30);

    private static final Gen<ProcessStats> OS = FIGURE.zip(
            FIGURE,
            BYTES,
            BYTES,
            Generate.pick(List.of(Optional.of(true), Optional.of(false), Optional.<Boolean>empty())),
            ProcessStats::new);

    private static final Gen<Optional<String>> MAYBE =
            STRINGS.map(v -> Optional.of(v)).mix(Generate.constant(Optional.empty()), 30);

    private static final Gen<Double> DURATION =
            integers().between(0, 10_000_000).map(h -> h / 100.0);

    @Test
    void activityRowsRoundTrip() {
        Gen<TemboardActivityRow> rows = integers()
                .between(1, Integer.MAX_VALUE)
                .zip(MAYBE, MAYBE, DURATION, (pid, db, client, d) -> new Object[] {pid, db, client, d})
                .zip(
                        booleans().all(),
                        STRINGS,
                        STRINGS,
                        OS,
                        (a, wait, user, query, os) -> new TemboardActivityRow(
                                (Integer) a[0],
                                cast(a[1]),
                                cast(a[2]),
                                (Double) a[3],
                                wait,
                                user,
                                "active",
                                query,
                                os,
                                Map.of()));
        qt().forAll(lists().of(rows).ofSizeBetween(0, 4))
                .checkAssert(list -> assertThat(TemboardCodec.decodeActivity(TemboardCodec.encodeActivity(list)))
                        .isEqualTo(list));
    }

    @Test
    void lockRowsRoundTrip() {
        Gen<TemboardLockRow> rows = integers()
                .between(1, Integer.MAX_VALUE)
                .zip(MAYBE, MAYBE, DURATION, (pid, db, rel, d) -> new Object[] {pid, db, rel, d})
                .zip(
                        STRINGS,
                        STRINGS,
                        STRINGS,
                        OS,
                        (a, user, mode, query, os) -> new TemboardLockRow(
                                (Integer) a[0],
                                cast(a[1]),
                                user,
                                mode,
                                "relation",
                                cast(a[2]),
                                (Double) a[3],
                                "active",
                                query,
                                os,
                                Map.of("blocking", JsonValue.array(List.of(JsonValue.of(1))))));
        qt().forAll(lists().of(rows).ofSizeBetween(0, 4))
                .checkAssert(list -> assertThat(TemboardCodec.decodeLocks(TemboardCodec.encodeLocks(list)))
                        .isEqualTo(list));
    }

    @Test
    void blockingAnswersWithPreparedRowsRoundTrip() {
        Gen<TemboardPreparedRow> prepared = STRINGS.map(g -> "g" + g)
                .zip(longs().between(0, 4_294_967_295L), MAYBE, MAYBE, (gid, xid, owner, db) ->
                        new Object[] {gid, xid, owner, db})
                .zip(
                        STRINGS.map(m -> m + "Lock"),
                        MAYBE,
                        longs().between(0, Long.MAX_VALUE)
                                .map(OptionalLong::of)
                                .mix(Generate.constant(OptionalLong.empty()), 30),
                        lists().of(integers().between(1, Integer.MAX_VALUE)).ofSizeBetween(1, 3),
                        (a, mode, relation, oid, pids) -> new TemboardPreparedRow(
                                (String) a[0],
                                (Long) a[1],
                                cast(a[2]),
                                cast(a[3]),
                                Optional.of(Instant.ofEpochSecond((Long) a[1], 123_000)),
                                mode,
                                "relation",
                                relation,
                                oid,
                                org.activity4j.core.LockObject.parse("relation;database=" + a[1] + ";relation=1"),
                                new java.util.TreeSet<>(pids).stream().toList(),
                                Map.of("later", JsonValue.of(true))));
        qt().forAll(lists().of(prepared).ofSizeBetween(0, 3)).checkAssert(list -> {
            TemboardBlockingRows answer = new TemboardBlockingRows(List.of(), list);
            assertThat(TemboardCodec.decodeBlocking(TemboardCodec.encodeBlocking(answer)))
                    .isEqualTo(answer);
        });
    }

    @Test
    void killRequestsAndResponsesRoundTrip() {
        qt().forAll(lists().of(integers().all()).ofSizeBetween(0, 8))
                .checkAssert(pids -> assertThat(TemboardCodec.decodeKillRequest(TemboardCodec.encodeKillRequest(pids)))
                        .isEqualTo(pids));
        Gen<SignalResult> results = integers()
                .between(1, Integer.MAX_VALUE)
                .zip(
                        booleans().all(),
                        (pid, killed) -> SignalResult.of(
                                pid, killed ? SignalResult.Outcome.SIGNALLED : SignalResult.Outcome.NOT_A_BACKEND));
        qt().forAll(lists().of(results).ofSizeBetween(0, 8))
                .checkAssert(
                        list -> assertThat(TemboardCodec.decodeKillResponse(TemboardCodec.encodeKillResponse(list)))
                                .isEqualTo(list));
    }

    @Test
    void activitiesRoundTrip() {
        Gen<Instant> times = longs().between(0, 4_000_000_000L).map(s -> Instant.ofEpochSecond(s));
        Gen<Optional<Instant>> maybeTime = times.map(v -> Optional.of(v)).mix(Generate.constant(Optional.empty()), 30);
        Gen<OptionalLong> maybeId = longs().between(1, Long.MAX_VALUE)
                .map(v -> OptionalLong.of(v))
                .mix(Generate.constant(OptionalLong.empty()), 30);
        Gen<Person> people =
                longs().between(1, 1000).zip(STRINGS, STRINGS.map(s -> s.isEmpty() ? "x" : s), Person::new);
        Gen<Object[]> head = longs().between(1, Long.MAX_VALUE)
                .zip(maybeId, maybeId, people, (id, parent, computer, creator) ->
                        new Object[] {id, parent, computer, creator});
        Gen<Object[]> middle = Generate.enumValues(ActivityStatus.class)
                .zip(STRINGS, MAYBE, integers().between(-1, 100), (status, summary, result, progress) ->
                        new Object[] {status, summary, result, progress});
        Gen<Activity> activities = head.zip(
                middle,
                times,
                maybeTime,
                maybeTime,
                (h, m, created, delivered, after) -> Activity.builder(
                                (Long) h[0], "ChangePackagesRequest", (ActivityStatus) m[0], (Person) h[3], created)
                        .parentId((OptionalLong) h[1])
                        .computerId((OptionalLong) h[2])
                        .summary((String) m[1])
                        .resultText(WireDecodersPropertyTest.<Optional<String>>cast(m[2]))
                        .resultCode((Integer) m[3])
                        .progress((Integer) m[3])
                        .deliveryTime(delivered)
                        .deliverAfterTime(after)
                        .details(Map.of("package_ids", JsonValue.array(List.of(JsonValue.of((Long) h[0])))))
                        .build());
        qt().forAll(lists().of(activities).ofSizeBetween(0, 4)).checkAssert(list -> {
            String body = LandscapeCodec.encodeActivities(list);
            assertThat(LandscapeCodec.decodeActivities(body)).isEqualTo(list);
            assertThat(LandscapeCodec.decodeActivities(WireDecoders.stream(body)))
                    .isEqualTo(list);
        });
    }

    @Test
    void typesIdsErrorsAndReasonsRoundTrip() {
        qt().forAll(lists().of(STRINGS).ofSizeBetween(0, 5))
                .checkAssert(types -> assertThat(
                                LandscapeCodec.decodeActivityTypes(LandscapeCodec.encodeActivityTypes(types)))
                        .isEqualTo(types));
        qt().forAll(lists().of(longs().between(1, Long.MAX_VALUE)).ofSizeBetween(0, 5))
                .checkAssert(ids -> assertThat(LandscapeCodec.decodeIds(LandscapeCodec.encodeIds(ids)))
                        .isEqualTo(ids));
        qt().forAll(STRINGS, STRINGS).checkAssert((code, message) -> {
            LandscapeError e = new LandscapeError(code, message);
            assertThat(LandscapeCodec.decodeError(LandscapeCodec.encodeError(e)))
                    .isEqualTo(e);
        });
        Gen<String> reason = STRINGS.map(s -> ("r " + s.replace('\n', ' ').replace('\r', ' ')).strip());
        qt().forAll(
                        lists().of(longs().between(1, Long.MAX_VALUE)).ofSizeBetween(1, 5),
                        lists().of(reason).ofSize(5))
                .checkAssert((ids, reasons) -> {
                    Map<Long, String> map = new java.util.TreeMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        map.put(ids.get(i), reasons.get(i));
                    }
                    assertThat(LandscapeCodec.parseReasons(LandscapeCodec.formatReasons(map)))
                            .isEqualTo(map);
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
