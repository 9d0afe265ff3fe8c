package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.activity4j.core.ActivityStores;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limits of the agent's HTTP server, over raw sockets on 127.0.0.1 so that each request is exactly what a
 * slow, idle or hostile client sends.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerLimitsTest {
    private static final String GET_PROFILE = "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    private @Nullable ReferenceAgent agent;

    @AfterEach
    void stopAgent() {
        ReferenceAgent a = agent;
        if (a != null) {
            a.close();
        }
    }

    private int start(ReferenceAgent.Builder builder) {
        ReferenceAgent a = builder.backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .activityStore(ActivityStores.inMemory())
                .accessKey("KEY1", "secret1", ActivityStores.DEFAULT_ACCOUNT)
                .start();
        agent = a;
        return a.uri().getPort();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Everything the server sends until it closes the connection (bounded by the socket's timeout). */
    private static String readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aClientSendingOneByteASecondIsAnswered408AndClosed() throws Exception {
        int port = start(ReferenceAgent.builder().headerTimeout(Duration.ofSeconds(2)));
        try (Socket socket = connect(port)) {
            send(socket, GET_PROFILE);
            long started = System.nanoTime();

            try {
                // One byte a second: Jetty's idle timeout (30 s) never fires, the header timeout does.
                for (int i = 0; i < 15; i++) {
                    send(socket, "X");
                    Thread.sleep(1000);
                }
            } catch (IOException closed) {
                // The server closed the connection while we were still writing: what is wanted.
            }
            String answer = readToEnd(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer)
                    .startsWith("HTTP/1.1 408 ")
                    .contains("application/json")
                    .contains("\"Request Timeout\"");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aLaterRequestOnAKeptAliveConnectionHasAHeaderDeadlineToo() throws Exception {
        int port = start(
                ReferenceAgent.builder().headerTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(2)));
        try (Socket socket = connect(port)) {
            send(socket, GET_PROFILE + "\r\n");
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 404");
            long started = System.nanoTime();

            try {
                send(socket, GET_PROFILE);
                for (int i = 0; i < 15; i++) {
                    send(socket, "X");
                    Thread.sleep(500);
                }
            } catch (IOException closed) {
                // closed while writing
            }
            String rest = readToEnd(socket);

            assertThat(rest).contains("HTTP/1.1 408 ");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
        }
    }

    @Test
    void anIdleConnectionIsClosedByTheIdleTimeoutWithoutAnAnswer() throws Exception {
        int port = start(
                ReferenceAgent.builder().idleTimeout(Duration.ofSeconds(1)).headerTimeout(Duration.ofSeconds(30)));
        try (Socket socket = connect(port)) {
            send(socket, GET_PROFILE + "\r\n");
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1))
                    .isEqualTo("HTTP/1.1 404");
            in.readNBytes(in.available());
            long started = System.nanoTime();

            String after = readToEnd(socket);

            // Whatever of the first answer had not arrived yet may come; no second answer does.
            assertThat(after).doesNotContain("HTTP/1.1");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aHeaderOverTheSizeLimitIsAnswered431() throws Exception {
        int port = start(ReferenceAgent.builder().maxHeaderBytes(8 * 1024));
        try (Socket socket = connect(port)) {
            send(socket, GET_PROFILE + "X-Big: " + "a".repeat(9 * 1024) + "\r\n\r\n");

            String answer = readToEnd(socket);

            assertThat(answer).startsWith("HTTP/1.1 431 ");
        }
    }

    @Test
    void tooManyHeaderFieldsAreAnswered431InJson() throws Exception {
        int port = start(ReferenceAgent.builder().maxHeaderCount(50));
        StringBuilder head = new StringBuilder(GET_PROFILE);
        for (int i = 0; i < 60; i++) {
            head.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        try (Socket socket = connect(port)) {
            send(socket, head + "Connection: close\r\n\r\n");

            String answer = readToEnd(socket);

            assertThat(answer)
                    .startsWith("HTTP/1.1 431 ")
                    .contains("application/json")
                    .contains("62 fields, at most 50");
        }
    }

    @Test
    void aRequestWithinTheLimitsIsServedAsBefore() throws Exception {
        int port = start(ReferenceAgent.builder().maxHeaderCount(50));
        StringBuilder head = new StringBuilder(GET_PROFILE);
        for (int i = 0; i < 40; i++) {
            head.append("X-H").append(i).append(": ").append(i).append("\r\n");
        }
        try (Socket socket = connect(port)) {
            send(socket, head + "Connection: close\r\n\r\n");

            assertThat(readToEnd(socket)).startsWith("HTTP/1.1 404 ").contains("URL not found.");
        }
    }

    @Test
    void thousandsOfSlowConnectionsMakeNoThreadsAndDoNotStopOtherClients() throws Exception {
        int port = start(ReferenceAgent.builder().maxThreads(16).headerTimeout(Duration.ofSeconds(60)));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4000; i++) {
                Socket socket = connect(port);
                slow.add(socket);
                send(socket, GET_PROFILE + "X-Slow: ");
            }
            // Every connection is open on the server side: one more byte on each gets no answer (and no error).
            for (Socket socket : slow) {
                send(socket, "a");
            }

            assertThat(agentThreads()).isLessThanOrEqualTo(16);
            try (Socket other = connect(port)) {
                send(other, GET_PROFILE + "Connection: close\r\n\r\n");
                assertThat(readToEnd(other)).startsWith("HTTP/1.1 404 ");
            }
            assertThat(agentThreads()).isLessThanOrEqualTo(16);
            Socket first = slow.get(0);
            first.setSoTimeout(200);
            try {
                assertThat(first.getInputStream().read())
                        .as("a slow connection got an answer")
                        .isEqualTo(-2);
            } catch (SocketTimeoutException expected) {
                // still waiting for its header, as it should
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void requestsBeyondTheThreadsWaitInABoundedQueueAndTheRestAre503() throws Exception {
        ReferenceAgent a = ReferenceAgent.builder()
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .loginDelay(Duration.ofSeconds(2))
                .maxThreads(8)
                .maxQueuedRequests(2)
                .start();
        agent = a;
        String body = "{\"username\": \"alice\", \"password\": \"s3cret-pass\"}";
        String login = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        List<Socket> sockets = new ArrayList<>();
        try {
            // 5 are served at once (8 threads, less the acceptor, the selector and the admitter), 2 wait, 3 are
            // refused.
            for (int i = 0; i < 10; i++) {
                Socket socket = connect(a.uri().getPort());
                send(socket, login);
                sockets.add(socket);
            }
            List<String> statuses = new ArrayList<>();
            for (Socket socket : sockets) {
                statuses.add(readToEnd(socket).substring(0, 12));
            }

            assertThat(statuses).filteredOn("HTTP/1.1 200"::equals).hasSize(7);
            assertThat(statuses).filteredOn("HTTP/1.1 503"::equals).hasSize(3);
            assertThat(agentThreads()).isLessThanOrEqualTo(8);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static long agentThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("activity4j-agent"))
                .count();
    }

    @Test
    void theListenBacklogIsTheConfiguredOne() throws Exception {
        int port = start(ReferenceAgent.builder().acceptQueueSize(300));
        // For a listening socket, ss's Send-Q column is its backlog.
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port)
                .redirectErrorStream(true)
                .start();
        assertThat(ss.waitFor(20, TimeUnit.SECONDS)).as("ss answered").isTrue();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(out.split("\\s+", -1)).as(out).hasSizeGreaterThan(3).contains("300");
    }

    @Test
    void startingAnAgentSetsNoSystemProperty() {
        var before = new java.util.HashMap<>(System.getProperties());
        start(ReferenceAgent.builder());
        assertThat(new java.util.HashMap<>(System.getProperties())).isEqualTo(before);
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isNull();
    }
}
