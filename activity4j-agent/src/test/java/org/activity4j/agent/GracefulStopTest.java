package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ReferenceAgent#stop(Duration)} lets requests in flight finish; {@link ReferenceAgent#close()} does not wait. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulStopTest {
    private static final String LOGIN_BODY = "{\"username\": \"alice\", \"password\": \"s3cret-pass\"}";
    private static final String LOGIN = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + LOGIN_BODY.length() + "\r\nConnection: close\r\n\r\n" + LOGIN_BODY;

    private static ReferenceAgent agent(Duration loginDelay) {
        return ReferenceAgent.builder()
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .loginDelay(loginDelay)
                .start();
    }

    private static Socket send(int port, String request) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String answer(Socket socket) throws IOException {
        try (socket;
                InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aGracefulStopAnswersTheRequestsInFlightAndRefusesNewConnections() throws Exception {
        ReferenceAgent agent = agent(Duration.ofSeconds(2));
        int port = agent.uri().getPort();
        Socket inFlight = send(port, LOGIN);
        Thread.sleep(500); // the login is now waiting out its delay on the server
        long started = System.nanoTime();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> agent.stop(Duration.ofSeconds(20)));
        String answer = answer(inFlight);
        stopping.get(30, TimeUnit.SECONDS);

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"session\"");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThatThrownBy(() -> send(port, LOGIN).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void closeDoesNotWaitForRequestsInFlight() throws Exception {
        ReferenceAgent agent = agent(Duration.ofSeconds(10));
        Socket inFlight = send(agent.uri().getPort(), LOGIN);
        Thread.sleep(500);
        long started = System.nanoTime();

        agent.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        inFlight.close();
    }
}
