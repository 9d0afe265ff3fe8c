package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.RemoteApiException;
import org.activity4j.core.RemoteAuthenticationException;
import org.activity4j.core.SignalResult;
import org.activity4j.core.UnsupportedRemoteOperationException;
import org.activity4j.core.WireFormatException;
import org.junit.jupiter.api.Test;

/** The client against the real agent's recorded responses, served verbatim over real sockets on 127.0.0.1. */
class TemboardAgentClientTest {
    private static final String SESSION = "3b3c09f75557d4313c98947074778624cadf82dc1db1c8eb63c4bb98f1f6932f";

    /** The recorded agent: login, the three lists and kill from the fixtures, anything else as given. */
    private static Function<RawHttpStub.Request, byte[]> agent(Map<String, String> overrides) {
        return r -> {
            String key = r.method() + " " + r.path();
            if (overrides.containsKey(key)) {
                return Fixtures.raw(overrides.get(key));
            }
            switch (key) {
                case "POST /login":
                    return Fixtures.raw("login_ok.txt");
                case "GET /activity":
                    return Fixtures.raw("activity.txt");
                case "GET /activity/waiting":
                    return Fixtures.raw("activity_waiting.txt");
                case "GET /activity/blocking":
                    return Fixtures.raw("activity_blocking.txt");
                case "POST /activity/kill":
                    return Fixtures.raw("recorded_kill_sleeper_7286_own_nonexistent.txt");
                case "GET /logout":
                    return RawHttpStub.agentResponse(200, "OK", "{\"logout\": true}");
                default:
                    return Fixtures.raw("recorded_unknown_route.txt");
            }
        };
    }

    private static TemboardAgentClient client(RawHttpStub stub) {
        return TemboardAgentClient.builder(stub.uri())
                .credentials("alice", "secret1")
                .retries(2, Duration.ofMillis(1))
                .build();
    }

    @Test
    void theViewWithoutProcessStatsLeavesOutEveryFigureOfTheRecordedRows() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            org.activity4j.core.BackendInspector plain = client.withoutProcessStats();
            List<Backend> withFigures = client.activity();
            List<LockWait> waitsWithFigures = client.waiting();
            List<LockTreeNode> treeWithFigures = client.lockTree();
            assertThat(withFigures).anyMatch(Figures::known);
            assertThat(Figures.of(waitsWithFigures)).anyMatch(Figures::known);
            assertThat(Figures.ofTree(treeWithFigures)).anyMatch(Figures::known);

            assertThat(plain.activity())
                    .noneMatch(Figures::known)
                    .extracting(Backend::pid, Backend::state, Backend::query)
                    .containsExactlyElementsOf(withFigures.stream()
                            .map(b -> org.assertj.core.groups.Tuple.tuple(b.pid(), b.state(), b.query()))
                            .toList());
            List<LockWait> waits = plain.waiting();
            assertThat(Figures.of(waits)).noneMatch(Figures::known);
            assertThat(waits)
                    .extracting(LockWait::blockedBy, LockWait::lock)
                    .containsExactlyElementsOf(waitsWithFigures.stream()
                            .map(w -> org.assertj.core.groups.Tuple.tuple(w.blockedBy(), w.lock()))
                            .toList());
            assertThat(Figures.ofHolders(plain.blocking())).isNotEmpty().noneMatch(Figures::known);
            List<LockTreeNode> tree = plain.lockTree();
            assertThat(Figures.ofTree(tree)).noneMatch(Figures::known);
            assertThat(Figures.ofTree(tree))
                    .extracting(Backend::pid)
                    .containsExactlyElementsOf(Figures.ofTree(treeWithFigures).stream()
                            .map(Backend::pid)
                            .toList());
            assertThat(plain.withoutProcessStats()).isSameAs(plain);
            assertThat(client.withoutProcessStats()).isSameAs(plain);
        }
    }

    @Test
    void logsInAndDecodesTheRecordedActivity() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<Backend> rows = client.activity();
            assertThat(rows).extracting(Backend::pid).containsExactly(7283, 7286, 7288, 7291);
            assertThat(rows.get(0).query()).isEqualTo("UPDATE t1 SET v='a' WHERE id=1");
            assertThat(rows.get(0).clientAddress()).contains("127.0.0.1");
            assertThat(rows.get(0).duration()).contains(Duration.ofMillis(13_560));
            assertThat(rows.get(2).waitingOnLock()).isTrue();
            assertThat(rows.get(2).clientAddress()).isEmpty();
            assertThat(rows.get(0).processStats().memoryPercent()).hasValue(0.07);
            RawHttpStub.Request login = stub.requests().get(0);
            assertThat(login.path()).isEqualTo("/login");
            assertThat(login.body()).isEqualTo("{\"username\":\"alice\",\"password\":\"secret1\"}");
            assertThat(stub.requests().get(1).header("X-Session")).isEqualTo(SESSION);
        }
    }

    @Test
    void leavesWhatTheRecordedActivityDoesNotCarryEmpty() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<Backend> rows = client.activity();

            assertThat(rows).allSatisfy(b -> {
                assertThat(b.backendStart()).isEmpty();
                assertThat(b.queryStart()).isEmpty();
                assertThat(b.backendType()).isEmpty();
                assertThat(b.applicationName()).isEmpty();
                assertThat(b.transactionStart()).isEmpty();
                assertThat(b.stateChange()).isEmpty();
                assertThat(b.duration()).isPresent();
            });
        }
    }

    @Test
    void leavesWhatTheRecordedLockRowsDoNotCarryEmpty() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<LockWait> waiting = client.waiting();

            assertThat(waiting).allSatisfy(w -> {
                assertThat(w.backend().backendStart()).isEmpty();
                assertThat(w.backend().queryStart()).isEmpty();
                assertThat(w.backend().backendType()).isEmpty();
                assertThat(w.backend().duration()).isPresent();
            });
        }
    }

    @Test
    void derivesBlockersOfTheRecordedWaitingRowsFromTheBlockingRows() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<LockWait> waiting = client.waiting();
            assertThat(waiting).extracting(w -> w.backend().pid()).containsExactly(7288, 7291);
            assertThat(waiting.get(0).blockedBy()).containsExactly(7283);
            assertThat(waiting.get(0).lock().relation()).isEmpty();
            assertThat(waiting.get(1).blockedBy()).containsExactly(7283, 7288);
            assertThat(waiting.get(1).lock().relationOid()).hasValue(16392);
        }
    }

    @Test
    void keepsOnlyRecordedBlockingRowsThatSomebodyWaitsFor() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<LockHolder> blocking = client.blocking();
            assertThat(blocking)
                    .extracting(h ->
                            h.blocker().pid().orElseThrow() + " " + h.lock().type() + " " + h.blocking())
                    .containsExactly("7283 relation [7291]", "7283 transactionid [7288]", "7288 relation [7291]");
        }
    }

    /** The recorded agent, with the recorded blocking answer followed by a prepared_rows member. */
    private static Function<RawHttpStub.Request, byte[]> withPreparedRows(String elements) {
        Function<RawHttpStub.Request, byte[]> recorded = agent(Map.of());
        String body = Fixtures.body("activity_blocking.txt").strip();
        String answer = body.substring(0, body.length() - 1) + ", \"prepared_rows\": [" + elements + "]}";
        return r -> r.path().equals("/activity/blocking")
                ? RawHttpStub.agentResponse(200, "OK", answer)
                : recorded.apply(r);
    }

    private static final String PREPARED_ROW = "{\"gid\": \"tx1\", \"transaction\": 771, \"owner\": \"app\","
            + " \"database\": \"test\", \"prepared\": \"2026-11-30T09:12:44.123456Z\", \"mode\": \"ExclusiveLock\","
            + " \"type\": \"transactionid\", \"relation\": null, \"lock_object\": \"transactionid;transactionid=771\","
            + " \"blocking\": [7288]}";

    @Test
    void listsThePreparedRowsOfTheBlockingAnswerAfterTheBackends() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(withPreparedRows(PREPARED_ROW));
                TemboardAgentClient client = client(stub)) {
            List<LockHolder> blocking = client.blocking();
            assertThat(blocking).hasSize(4);
            LockHolder prepared = blocking.get(3);
            assertThat(prepared.blocker()).isInstanceOf(org.activity4j.core.Blocker.OfPreparedTransaction.class);
            assertThat(prepared.blocker().id()).isEqualTo("gid:tx1");
            assertThat(prepared.kind()).isEqualTo(LockHolder.Kind.HOLDS);
            assertThat(prepared.lock().granted()).isTrue();
            assertThat(prepared.lock().mode()).isEqualTo("ExclusiveLock");
            assertThat(prepared.lock().object().transactionId()).hasValue(771);
            assertThat(prepared.blocking()).containsExactly(7288);
            assertThat(((org.activity4j.core.Blocker.OfPreparedTransaction) prepared.blocker())
                            .transaction()
                            .owner())
                    .contains("app");
        }
    }

    @Test
    void aBadPreparedRowIsAWireFormatErrorNamingTheField() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(withPreparedRows(PREPARED_ROW.replace("[7288]", "[]")));
                TemboardAgentClient client = client(stub)) {
            WireFormatException e = catchThrowableOfType(WireFormatException.class, client::blocking);
            assertThat(e.field()).isEqualTo("prepared_rows[0].blocking");
        }
    }

    @Test
    void buildsTheLockTreeOfTheRecordedSessions() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<LockTreeNode> roots = client.lockTree();
            assertThat(roots).hasSize(1);
            // 7291 waits for 7283 and 7288, 7288 for 7283: 7291 hangs under the deeper 7288, once.
            assertThat(roots.get(0).blocker().pid()).hasValue(7283);
            assertThat(roots.get(0).blocked())
                    .extracting(n -> n.blocker().pid().orElseThrow())
                    .containsExactly(7288);
            assertThat(roots.get(0).blocked().get(0).blocked()).singleElement().satisfies(n -> {
                assertThat(n.blocker().pid()).hasValue(7291);
                assertThat(n.alsoBlockedBy()).extracting(b -> b.id()).containsExactly("pid:7283");
            });
            assertThat(roots.get(0).blockedCount()).isEqualTo(2);
        }
    }

    @Test
    void terminatesThroughKill() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            assertThat(client.terminate(List.of(7286, 1)))
                    .containsExactly(
                            SignalResult.of(7286, SignalResult.Outcome.SIGNALLED),
                            SignalResult.of(1, SignalResult.Outcome.NOT_A_BACKEND));
            RawHttpStub.Request kill = stub.requests().get(1);
            assertThat(kill.path()).isEqualTo("/activity/kill");
            assertThat(kill.body()).isEqualTo("{\"pids\":[7286,1]}");
            assertThat(kill.header("Content-Type")).isEqualTo("application/json");
        }
    }

    @Test
    void cancelFailsWithUnsupportedOperationOnTheRealAgent() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            UnsupportedRemoteOperationException e =
                    catchThrowableOfType(UnsupportedRemoteOperationException.class, () -> client.cancel(List.of(7286)));
            assertThat(e.operation()).isEqualTo("cancel");
            assertThat(e).hasMessageContaining("/activity/cancel").hasCauseInstanceOf(RemoteApiException.class);
        }
    }

    @Test
    void refusedPasswordIsAnAuthenticationError() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of("POST /login", "login_badpass.txt")));
                TemboardAgentClient client = client(stub)) {
            RemoteAuthenticationException e =
                    catchThrowableOfType(RemoteAuthenticationException.class, client::activity);
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.remoteMessage()).isEqualTo("Invalid username/password.");
        }
    }

    @Test
    void everyRecordedErrorMapsToItsType() throws IOException {
        Map<String, Class<? extends RuntimeException>> expected = Map.of(
                "recorded_kill_string_pid.txt", RemoteApiException.class,
                "recorded_kill_missing_pids.txt", RemoteApiException.class,
                "recorded_kill_bad_json.txt", RemoteApiException.class,
                "recorded_kill_no_body.txt", RemoteApiException.class,
                "recorded_activity_no_header.txt", RemoteApiException.class,
                "recorded_unknown_route.txt", RemoteApiException.class,
                "recorded_kill_pids_not_list.txt", BackendUnavailableException.class,
                "recorded_kill_invalid_session.txt", RemoteAuthenticationException.class);
        for (Map.Entry<String, Class<? extends RuntimeException>> e : expected.entrySet()) {
            try (RawHttpStub stub = new RawHttpStub(agent(Map.of("POST /activity/kill", e.getKey())));
                    TemboardAgentClient client = client(stub)) {
                RuntimeException thrown =
                        catchThrowableOfType(RuntimeException.class, () -> client.terminate(List.of(5)));
                assertThat(thrown).as(e.getKey()).isExactlyInstanceOf(e.getValue());
                RemoteApiException remote = thrown instanceof RemoteApiException
                        ? (RemoteApiException) thrown
                        : (RemoteApiException) java.util.Objects.requireNonNull(thrown.getCause());
                assertThat(remote.httpStatus()).as(e.getKey()).isEqualTo(Fixtures.status(e.getKey()));
                assertThat(remote.remoteMessage())
                        .as(e.getKey())
                        .isEqualTo(org.activity4j.client.wire.TemboardCodec.decodeError(Fixtures.body(e.getKey())));
                assertThat(remote.code()).isEmpty();
            }
        }
    }

    @Test
    void logsInAgainOnceWhenTheSessionExpired() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Function<RawHttpStub.Request, byte[]> recorded = agent(Map.of());
        try (RawHttpStub stub = new RawHttpStub(r -> r.path().equals("/activity") && calls.getAndIncrement() == 0
                        ? Fixtures.raw("recorded_activity_invalid_session_valid_format.txt")
                        : recorded.apply(r));
                TemboardAgentClient client = client(stub)) {
            assertThat(client.activity()).hasSize(4);
            assertThat(stub.requests())
                    .extracting(RawHttpStub.Request::path)
                    .containsExactly("/login", "/activity", "/login", "/activity");
        }
    }

    @Test
    void aSecondRefusedSessionIsAnAuthenticationError() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(
                        agent(Map.of("GET /activity", "recorded_activity_invalid_session_valid_format.txt")));
                TemboardAgentClient client = client(stub)) {
            RemoteAuthenticationException e =
                    catchThrowableOfType(RemoteAuthenticationException.class, client::activity);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.remoteMessage()).isEqualTo("Invalid session.");
            assertThat(stub.requests())
                    .extracting(RawHttpStub.Request::path)
                    .containsExactly("/login", "/activity", "/login", "/activity");
        }
    }

    @Test
    void closeLogsOut() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()))) {
            TemboardAgentClient client = client(stub);
            client.activity();
            client.close();
            RawHttpStub.Request logout = stub.requests().get(stub.requests().size() - 1);
            assertThat(logout.method() + " " + logout.path()).isEqualTo("GET /logout");
            assertThat(logout.header("X-Session")).isEqualTo(SESSION);
            IllegalStateException closed = catchThrowableOfType(IllegalStateException.class, client::activity);
            assertThat(closed).hasMessageContaining("closed");
        }
    }

    /** Collects what the client logs through System.Logger (java.util.logging behind it by default). */
    private static final class Recorded extends java.util.logging.Handler implements AutoCloseable {
        private final java.util.logging.Logger logger =
                java.util.logging.Logger.getLogger(TemboardAgentClient.class.getName());
        final List<java.util.logging.LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());

        Recorded() {
            logger.addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    /** The recorded agent behind a proxy at {@code prefix}: anything outside it is the proxy's 404. */
    private static Function<RawHttpStub.Request, byte[]> behind(String prefix) {
        Function<RawHttpStub.Request, byte[]> recorded = agent(Map.of());
        return r -> r.path().startsWith(prefix + "/")
                ? recorded.apply(
                        new RawHttpStub.Request(r.method(), r.path().substring(prefix.length()), r.headers(), r.body()))
                : RawHttpStub.agentResponse(404, "Not Found", "{\"error\": \"not behind the proxy\"}");
    }

    @Test
    void keepsTheEndpointsPathForEveryRoute() throws IOException {
        for (String path : new String[] {"/pg/agent7/", "/pg/agent7"}) {
            try (RawHttpStub stub = new RawHttpStub(behind("/pg/agent7"))) {
                TemboardAgentClient client = TemboardAgentClient.builder(
                                stub.uri().resolve(path))
                        .credentials("alice", "secret1")
                        .retries(0, Duration.ofMillis(1))
                        .build();

                List<Backend> rows = client.activity();
                List<LockWait> waiting = client.waiting();
                List<SignalResult> killed = client.terminate(List.of(7286));
                client.close();

                assertThat(rows).as(path).hasSize(4);
                assertThat(waiting).as(path).hasSize(2);
                assertThat(killed).as(path).isNotEmpty();
                assertThat(stub.requests())
                        .as(path)
                        .extracting(r -> r.method() + " " + r.path())
                        .containsExactly(
                                "POST /pg/agent7/login",
                                "GET /pg/agent7/activity",
                                "GET /pg/agent7/activity/waiting",
                                "GET /pg/agent7/activity/blocking",
                                "POST /pg/agent7/activity/kill",
                                "GET /pg/agent7/logout");
            }
        }
    }

    @Test
    void refusesAnAgentUriWithAQueryOrFragment() {
        for (String bad : new String[] {"https://db1:2345/?x=1", "https://db1:2345/agent#top"}) {
            assertThat(catchThrowableOfType(
                            IllegalArgumentException.class, () -> TemboardAgentClient.builder(URI.create(bad))))
                    .as(bad)
                    .hasMessageContaining("no query or fragment")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void closeDoesNotThrowWhenTheLogoutFailsAndLogsIt() throws IOException {
        Function<RawHttpStub.Request, byte[]> recorded = agent(Map.of());
        try (RawHttpStub stub = new RawHttpStub(r -> r.path().equals("/logout")
                        ? RawHttpStub.agentResponse(500, "Internal Server Error", "{\"error\": \"boom\"}")
                        : recorded.apply(r));
                Recorded log = new Recorded()) {
            TemboardAgentClient client = client(stub);
            client.activity();

            client.close();

            assertThat(stub.requests()).extracting(RawHttpStub.Request::path).contains("/logout");
            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(record.getMessage()).contains("logout", stub.uri().toString());
                assertThat(record.getThrown()).isInstanceOf(BackendUnavailableException.class);
            });
            assertThat(catchThrowableOfType(IllegalStateException.class, client::activity))
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void closeDoesNotThrowWhenTheAgentIsGone() throws IOException {
        TemboardAgentClient client;
        try (Recorded log = new Recorded()) {
            try (RawHttpStub stub = new RawHttpStub(agent(Map.of()))) {
                client = TemboardAgentClient.builder(stub.uri())
                        .credentials("alice", "secret1")
                        .retries(0, Duration.ofMillis(1))
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
                client.activity();
            }

            client.close();

            assertThat(log.records)
                    .singleElement()
                    .satisfies(record -> assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING));
        }
    }

    @Test
    void closingTwiceLogsOutOnce() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()))) {
            TemboardAgentClient client = client(stub);
            client.activity();

            client.close();
            client.close();

            assertThat(stub.requests())
                    .extracting(RawHttpStub.Request::path)
                    .filteredOn("/logout"::equals)
                    .hasSize(1);
        }
    }

    @Test
    void closingWithoutALoginSendsNothing() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()))) {
            TemboardAgentClient client = client(stub);

            client.close();

            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void everyCallAfterCloseFailsWithIllegalStateAndSendsNothing() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()))) {
            TemboardAgentClient client = client(stub);
            client.close();

            List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
                    client::activity,
                    client::waiting,
                    client::blocking,
                    client::lockTree,
                    client::profile,
                    () -> client.terminate(List.of(7286)),
                    () -> client.terminate(List.of()),
                    () -> client.cancel(List.of()),
                    () -> client.activityAsync().join());
            for (var call : calls) {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
                Throwable cause =
                        thrown instanceof java.util.concurrent.CompletionException ? thrown.getCause() : thrown;
                assertThat(cause)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("this TemboardAgentClient of " + stub.uri() + "/ is closed");
            }
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void aMalformedBodyIsAWireFormatErrorNamingTheField() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> r.path().equals("/activity")
                        ? RawHttpStub.agentResponse(200, "OK", "{\"rows\": [{\"pid\": \"7283\"}]}")
                        : agent(Map.of()).apply(r));
                TemboardAgentClient client = client(stub)) {
            WireFormatException e = catchThrowableOfType(WireFormatException.class, client::activity);
            assertThat(e.field()).isEqualTo("rows[0].pid");
        }
    }

    @Test
    void retriesGetsButNeverPosts() throws IOException {
        AtomicInteger gets = new AtomicInteger();
        byte[] unavailable = RawHttpStub.agentResponse(503, "Service Unavailable", "{\"error\": \"busy\"}");
        try (RawHttpStub stub = new RawHttpStub(r -> {
                    if (r.path().equals("/activity") && gets.getAndIncrement() < 2) {
                        return unavailable;
                    }
                    if (r.path().equals("/activity/kill")) {
                        return unavailable;
                    }
                    return agent(Map.of()).apply(r);
                });
                TemboardAgentClient client = client(stub)) {
            assertThat(client.activity()).hasSize(4);
            assertThat(gets).hasValue(3);
            BackendUnavailableException e =
                    catchThrowableOfType(BackendUnavailableException.class, () -> client.terminate(List.of(5)));
            assertThat(e).hasCauseInstanceOf(RemoteApiException.class);
            assertThat(stub.requests())
                    .filteredOn(r -> r.path().equals("/activity/kill"))
                    .hasSize(1);
        }
    }

    @Test
    void anUnreachableAgentIsUnavailable() throws IOException {
        URI closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        try (TemboardAgentClient client = TemboardAgentClient.builder(closedPort)
                .credentials("alice", "secret1")
                .retries(1, Duration.ofMillis(1))
                .build()) {
            BackendUnavailableException e = catchThrowableOfType(BackendUnavailableException.class, client::activity);
            assertThat(e).hasMessageContaining("127.0.0.1").hasCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void pollsConcurrentlyWithOneLogin() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            List<CompletableFuture<List<Backend>>> polls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                polls.add(client.activityAsync());
            }
            for (CompletableFuture<List<Backend>> p : polls) {
                assertThat(p.join()).hasSize(4);
            }
            assertThat(stub.requests())
                    .filteredOn(r -> r.path().equals("/login"))
                    .hasSize(1);
        }
    }

    @Test
    void refusesBadPidsBeforeSendingAnything() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(agent(Map.of()));
                TemboardAgentClient client = client(stub)) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> client.terminate(List.of(5, 0))))
                    .hasMessageContaining("0");
            assertThat(client.terminate(List.of())).isEmpty();
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void refusesAnAgentUriThatIsNotHttpWithAHost() {
        for (String bad : new String[] {"//127.0.0.1:2345", "ftp://127.0.0.1:2345", "localhost:2345"}) {
            assertThat(catchThrowableOfType(
                            IllegalArgumentException.class, () -> TemboardAgentClient.builder(URI.create(bad))))
                    .as(bad)
                    .hasMessageContaining("expected an http or https URI")
                    .hasMessageContaining(bad);
        }
    }
}
