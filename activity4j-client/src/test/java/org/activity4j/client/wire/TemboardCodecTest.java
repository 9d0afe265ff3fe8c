package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.activity4j.client.Fixtures;
import org.activity4j.core.JsonValue;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.SignalResult;
import org.activity4j.core.WireFormatException;
import org.junit.jupiter.api.Test;

class TemboardCodecTest {

    @Test
    void decodesTheRecordedActivityRows() {
        List<TemboardActivityRow> rows = TemboardCodec.decodeActivity(Fixtures.body("activity.txt"));
        assertThat(rows).extracting(TemboardActivityRow::pid).containsExactly(7283, 7286, 7288, 7291);
        TemboardActivityRow first = rows.get(0);
        assertThat(first.database()).contains("test");
        assertThat(first.client()).contains("127.0.0.1");
        assertThat(first.durationSeconds()).isEqualTo(13.56);
        assertThat(first.waiting()).isFalse();
        assertThat(first.state()).isEqualTo("idle in transaction");
        assertThat(first.query()).isEqualTo("UPDATE t1 SET v='a' WHERE id=1");
        assertThat(first.os())
                .isEqualTo(new ProcessStats(
                        OptionalDouble.of(0.0),
                        OptionalDouble.of(0.07),
                        OptionalDouble.of(0),
                        OptionalDouble.of(0),
                        Optional.of(false)));
        assertThat(rows.get(2).client()).isEmpty();
        assertThat(rows.get(2).waiting()).isTrue();
    }

    @Test
    void decodesTheRecordedWaitingAndBlockingRows() {
        List<TemboardLockRow> waiting = TemboardCodec.decodeLocks(Fixtures.body("activity_waiting.txt"));
        assertThat(waiting).extracting(TemboardLockRow::pid).containsExactly(7288, 7291);
        assertThat(waiting.get(0).relation()).isEmpty();
        assertThat(waiting.get(0).mode()).isEqualTo("ShareLock");
        assertThat(waiting.get(0).type()).isEqualTo("transactionid");
        assertThat(waiting.get(1).relation()).contains("16392");
        List<TemboardLockRow> blocking = TemboardCodec.decodeLocks(Fixtures.body("activity_blocking.txt"));
        assertThat(blocking).hasSize(4);
        assertThat(blocking.get(3).type()).isEqualTo("tuple");
        assertThat(blocking.get(2).durationSeconds()).isEqualTo(16.5);
    }

    @Test
    void encodingTheRecordedRowsGivesTheSameJson() {
        for (String name : List.of("activity.txt")) {
            String body = Fixtures.body(name);
            assertThat(JsonValue.parse(TemboardCodec.encodeActivity(TemboardCodec.decodeActivity(body))))
                    .isEqualTo(JsonValue.parse(body));
        }
        for (String name : List.of("activity_waiting.txt", "activity_blocking.txt")) {
            String body = Fixtures.body(name);
            assertThat(JsonValue.parse(TemboardCodec.encodeLocks(TemboardCodec.decodeLocks(body))))
                    .isEqualTo(JsonValue.parse(body));
        }
    }

    @Test
    void signedApiAnswersWrittenInOnePassAreTheRowsWithColumns() {
        List<String> columns = TemboardSessionsCodec.ACTIVITY_COLUMNS;
        for (List<TemboardActivityRow> rows :
                List.of(TemboardCodec.decodeActivity(Fixtures.body("activity.txt")), List.<TemboardActivityRow>of())) {
            assertThat(TemboardSessionsCodec.encodeActivity(rows))
                    .isEqualTo(TemboardSessionsCodec.withColumns(TemboardCodec.encodeActivity(rows), columns));
        }
        for (List<TemboardLockRow> rows :
                List.of(TemboardCodec.decodeLocks(Fixtures.body("activity_waiting.txt")), List.<TemboardLockRow>of())) {
            assertThat(TemboardSessionsCodec.encodeWaiting(rows))
                    .isEqualTo(TemboardSessionsCodec.withColumns(TemboardCodec.encodeLocks(rows), columns));
        }
        for (String body :
                List.of(Fixtures.body("activity_blocking.txt"), withPreparedRows(preparedRow(", \"later\": 1")))) {
            TemboardBlockingRows answer = TemboardCodec.decodeBlocking(body);
            String written = TemboardSessionsCodec.encodeBlocking(answer);
            assertThat(written)
                    .isEqualTo(TemboardSessionsCodec.withColumns(TemboardCodec.encodeBlocking(answer), columns));
            assertThat(TemboardCodec.decodeBlocking(written)).isEqualTo(answer);
        }
    }

    /** A prepared_rows element as the reference agent writes it, with {@code member} replaced or added. */
    private static String preparedRow(String member) {
        return "{\"gid\": \"tx1\", \"transaction\": 771, \"owner\": \"app\", \"database\": \"shop\","
                + " \"prepared\": \"2026-11-30T09:12:44.123456Z\", \"mode\": \"ExclusiveLock\","
                + " \"type\": \"transactionid\", \"relation\": null, \"relation_oid\": null,"
                + " \"lock_object\": \"transactionid;transactionid=771\", \"blocking\": [7288, 7291]"
                + member + "}";
    }

    private static String withPreparedRows(String elements) {
        String body = Fixtures.body("activity_blocking.txt").strip();
        return body.substring(0, body.length() - 1) + ", \"prepared_rows\": [" + elements + "]}";
    }

    @Test
    void blockingAnswerOfTheRealAgentHasNoPreparedRows() {
        String body = Fixtures.body("activity_blocking.txt");
        TemboardBlockingRows answer = TemboardCodec.decodeBlocking(body);
        assertThat(answer.rows()).isEqualTo(TemboardCodec.decodeLocks(body));
        assertThat(answer.preparedRows()).isEmpty();
        assertThat(TemboardCodec.decodeBlocking(WireDecoders.stream(body))).isEqualTo(answer);
        assertThat(JsonValue.parse(TemboardCodec.encodeBlocking(answer))).isEqualTo(JsonValue.parse(body));
    }

    @Test
    void decodesPreparedRowsNextToTheRowsInOnePass() {
        String body = withPreparedRows(preparedRow(", \"later\": 1"));
        TemboardBlockingRows answer = TemboardCodec.decodeBlocking(WireDecoders.stream(body));
        assertThat(answer.rows()).hasSize(4);
        assertThat(answer.preparedRows()).singleElement().satisfies(p -> {
            assertThat(p.gid()).isEqualTo("tx1");
            assertThat(p.transactionId()).isEqualTo(771);
            assertThat(p.owner()).contains("app");
            assertThat(p.database()).contains("shop");
            assertThat(p.prepared()).contains(java.time.Instant.parse("2026-11-30T09:12:44.123456Z"));
            assertThat(p.mode()).isEqualTo("ExclusiveLock");
            assertThat(p.relation()).isEmpty();
            assertThat(p.relationOid()).isEmpty();
            assertThat(p.object().transactionId()).hasValue(771);
            assertThat(p.blocking()).containsExactly(7288, 7291);
            assertThat(p.extensions()).containsExactly(Map.entry("later", JsonValue.of(1)));
        });
        assertThat(TemboardCodec.decodeBlocking(TemboardCodec.encodeBlocking(answer)))
                .isEqualTo(answer);
        // A client of the real agent reads the rows and ignores the extension.
        assertThat(TemboardCodec.decodeLocks(body)).isEqualTo(answer.rows());
    }

    @Test
    void badOrPartialPreparedRowsNameTheField() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put(preparedRow("").replace("\"gid\": \"tx1\", ", ""), "prepared_rows[0].gid");
        bad.put(preparedRow("").replace("\"gid\": \"tx1\"", "\"gid\": \"\""), "prepared_rows[0].gid");
        bad.put(preparedRow("").replace("\"transaction\": 771, ", ""), "prepared_rows[0].transaction");
        bad.put(preparedRow("").replace("771, \"owner", "-1, \"owner"), "prepared_rows[0].transaction");
        bad.put(
                preparedRow("").replace("\"2026-11-30T09:12:44.123456Z\"", "\"yesterday\""),
                "prepared_rows[0].prepared");
        bad.put(preparedRow("").replace("\"mode\": \"ExclusiveLock\", ", ""), "prepared_rows[0].mode");
        bad.put(preparedRow("").replace("\"type\": \"transactionid\", ", ""), "prepared_rows[0].type");
        bad.put(
                preparedRow("").replace(", \"lock_object\": \"transactionid;transactionid=771\"", ""),
                "prepared_rows[0].lock_object");
        bad.put(
                preparedRow("").replace("transactionid;transactionid=771", "tuple;page=x"),
                "prepared_rows[0].lock_object");
        bad.put(
                preparedRow("").replace("transactionid;transactionid=771", "advisory;objid=1"),
                "prepared_rows[0].lock_object");
        bad.put(preparedRow("").replace(", \"blocking\": [7288, 7291]", ""), "prepared_rows[0].blocking");
        bad.put(preparedRow("").replace("[7288, 7291]", "[]"), "prepared_rows[0].blocking");
        bad.put(preparedRow("").replace("[7288, 7291]", "[0]"), "prepared_rows[0].blocking");
        bad.put(preparedRow("").replace("[7288, 7291]", "[7291, 7288]"), "prepared_rows[0].blocking");
        bad.put(preparedRow("").replace("[7288, 7291]", "[7288, \"7291\"]"), "prepared_rows[0].blocking[1]");
        bad.put(
                preparedRow("").replace("\"relation_oid\": null", "\"relation_oid\": \"x\""),
                "prepared_rows[0].relation_oid");
        bad.put(preparedRow("").replace("\"owner\": \"app\"", "\"owner\": 7"), "prepared_rows[0].owner");
        bad.put("7", "prepared_rows[0]");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            String body = withPreparedRows(preparedRow("") + ", " + b.getKey());
            WireFormatException e = catchThrowableOfType(
                    WireFormatException.class, () -> TemboardCodec.decodeBlocking(WireDecoders.stream(body)));
            assertThat(e).as(b.getKey()).isNotNull();
            assertThat(e.field()).as(b.getKey()).isEqualTo(b.getValue().replace("[0]", "[1]"));
        }
        WireFormatException notArray = catchThrowableOfType(
                WireFormatException.class, () -> TemboardCodec.decodeBlocking("{\"rows\": [], \"prepared_rows\": {}}"));
        assertThat(notArray.field()).isEqualTo("prepared_rows");
        WireFormatException twice = catchThrowableOfType(
                WireFormatException.class,
                () -> TemboardCodec.decodeBlocking("{\"rows\": [], \"prepared_rows\": [], \"prepared_rows\": []}"));
        assertThat(twice).hasMessageContaining("prepared_rows");
        WireFormatException noRows = catchThrowableOfType(
                WireFormatException.class, () -> TemboardCodec.decodeBlocking("{\"prepared_rows\": []}"));
        assertThat(noRows.field()).isEqualTo("rows");
        assertThat(noRows.isMissing()).isTrue();
    }

    @Test
    void acceptsTheSeedDocumentsDurationAsAString() {
        String seed =
                "{\"rows\": [{\"pid\": 6285, \"database\": \"postgres\", \"user\": \"postgres\", \"client\": null,"
                        + " \"cpu\": 0.0, \"memory\": 0.13, \"read_s\": \"0.00B\", \"write_s\": \"0.00B\", \"iow\": \"N\","
                        + " \"wait\": \"N\", \"duration\": \"1.900\", \"state\": \"idle\", \"query\": \"SELECT 1;\"}]}";
        assertThat(TemboardCodec.decodeActivity(seed).get(0).durationSeconds()).isEqualTo(1.9);
    }

    @Test
    void writesDurationAsANumberWithTwoDecimalsAndUnknownFiguresAsNa() {
        TemboardActivityRow row = new TemboardActivityRow(
                42,
                Optional.empty(),
                Optional.empty(),
                1.905,
                false,
                "u",
                "idle",
                "",
                ProcessStats.unknown(),
                Map.of());
        assertThat(TemboardCodec.encodeActivity(List.of(row)))
                .isEqualTo("{\"rows\":[{\"pid\":42,\"database\":null,\"client\":null,\"duration\":1.91,\"wait\":\"N\","
                        + "\"user\":\"u\",\"state\":\"idle\",\"query\":\"\",\"iow\":\"N/A\",\"read_s\":\"N/A\","
                        + "\"write_s\":\"N/A\",\"cpu\":\"N/A\",\"memory\":\"N/A\"}]}");
    }

    @Test
    void keepsUnknownMembersOfARowAsExtensions() {
        String body =
                Fixtures.body("activity.txt").replace("\"pid\": 7283,", "\"pid\": 7283, \"backend_start\": \"x\",");
        TemboardActivityRow row = TemboardCodec.decodeActivity(body).get(0);
        assertThat(row.extensions()).containsExactly(Map.entry("backend_start", JsonValue.of("x")));
        assertThat(TemboardCodec.encodeActivity(List.of(row))).contains("\"backend_start\":\"x\"");
    }

    @Test
    void namesTheFieldAndTheValueOfABadRow() {
        String body = Fixtures.body("activity.txt").replaceFirst("\"cpu\": 0.0", "\"cpu\": \"lots\"");
        WireFormatException e =
                catchThrowableOfType(WireFormatException.class, () -> TemboardCodec.decodeActivity(body));
        assertThat(e.field()).isEqualTo("rows[0].cpu");
        assertThat(e.value()).contains("\"lots\"");
        assertThat(e).hasMessageContaining("rows[0].cpu").hasMessageContaining("lots");
    }

    @Test
    void killRequestAcceptsOnlyJsonIntegers() {
        assertThat(TemboardCodec.decodeKillRequest("{\"pids\": [1, 22]}")).containsExactly(1, 22);
        assertThat(TemboardCodec.decodeKillRequest("{\"pids\": []}")).isEmpty();
        for (String bad : List.of("\"1\"", "true", "1.0", "null", "4294967296")) {
            WireFormatException e = catchThrowableOfType(
                    WireFormatException.class, () -> TemboardCodec.decodeKillRequest("{\"pids\": [" + bad + "]}"));
            assertThat(e.field()).isEqualTo("pids[0]");
            assertThat(e.isMissing()).isFalse();
        }
        WireFormatException notList =
                catchThrowableOfType(WireFormatException.class, () -> TemboardCodec.decodeKillRequest("{\"pids\": 1}"));
        assertThat(notList.field()).isEqualTo("pids");
        WireFormatException missing =
                catchThrowableOfType(WireFormatException.class, () -> TemboardCodec.decodeKillRequest("{}"));
        assertThat(missing.isMissing()).isTrue();
        assertThat(missing.field()).isEqualTo("pids");
    }

    @Test
    void decodesTheRecordedKillResponses() {
        assertThat(TemboardCodec.decodeKillResponse(Fixtures.body("recorded_kill_sleeper_7286_own_nonexistent.txt")))
                .containsExactly(
                        SignalResult.of(7286, SignalResult.Outcome.SIGNALLED),
                        SignalResult.of(1, SignalResult.Outcome.NOT_A_BACKEND));
        assertThat(TemboardCodec.decodeKillResponse(Fixtures.body("recorded_kill_empty_list.txt")))
                .isEmpty();
        assertThat(TemboardCodec.encodeKillResponse(List.of(SignalResult.of(3, SignalResult.Outcome.SIGNALLED))))
                .isEqualTo("{\"backends\":[{\"pid\":3,\"killed\":true}]}");
    }

    @Test
    void decodesLoginSessionLogoutProfileAndErrors() {
        assertThat(TemboardCodec.decodeSession(Fixtures.body("login_ok.txt")))
                .isEqualTo("3b3c09f75557d4313c98947074778624cadf82dc1db1c8eb63c4bb98f1f6932f");
        assertThat(TemboardCodec.decodeError(Fixtures.body("login_badpass.txt")))
                .isEqualTo("Invalid username/password.");
        assertThat(TemboardCodec.decodeLogout("{\"logout\": true}")).isTrue();
        assertThat(TemboardCodec.decodeProfile("{\"username\": \"alice\"}")).isEqualTo("alice");
        assertThat(TemboardCodec.decodeLogin(TemboardCodec.encodeLogin(new TemboardLogin("alice", "pw123"))))
                .isEqualTo(new TemboardLogin("alice", "pw123"));
        assertThat(new TemboardLogin("alice", "pw123").toString()).doesNotContain("pw123");
        WireFormatException upper = catchThrowableOfType(
                WireFormatException.class,
                () -> TemboardCodec.decodeSession("{\"session\": \"" + "A".repeat(64) + "\"}"));
        assertThat(upper.field()).isEqualTo("session");
    }

    @Test
    void everyRecordedErrorBodyDecodes() {
        for (String name : List.of(
                "recorded_kill_string_pid.txt",
                "recorded_kill_missing_pids.txt",
                "recorded_kill_pids_not_list.txt",
                "recorded_kill_bad_json.txt",
                "recorded_kill_no_body.txt",
                "recorded_activity_no_header.txt",
                "recorded_activity_invalid_session_valid_format.txt",
                "recorded_unknown_route.txt",
                "login_badpass.txt")) {
            assertThat(TemboardCodec.decodeError(Fixtures.body(name))).as(name).isNotBlank();
        }
    }

    @Test
    void rejectsTrailingTextDuplicatesAndDeepNesting() {
        assertThat(catchThrowableOfType(
                        WireFormatException.class, () -> TemboardCodec.decodeError("{\"error\":\"a\"} x")))
                .isNotNull();
        assertThat(catchThrowableOfType(
                        WireFormatException.class,
                        () -> TemboardCodec.decodeError("{\"error\":\"a\",\"error\":\"b\"}")))
                .isNotNull();
        assertThat(catchThrowableOfType(WireFormatException.class, () -> TemboardCodec.decodeError("[".repeat(5000))))
                .isNotNull();
    }
}
