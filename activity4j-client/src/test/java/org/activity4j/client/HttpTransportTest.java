package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.client.internal.Dispatch;
import org.activity4j.client.internal.HttpTransport;
import org.activity4j.core.BackendUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transport behaves the same whichever way requests are dispatched ({@link Dispatch#ASYNC} or {@link
 * Dispatch#POOLED}), over real sockets on 127.0.0.1; this JVM uses only one of them, so both are tested here.
 */
class HttpTransportTest {
    private static HttpTransport transport(Dispatch dispatch, int maxBodyBytes) {
        return new HttpTransport(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                dispatch,
                Duration.ofSeconds(10),
                2,
                Duration.ofMillis(1),
                maxBodyBytes,
                "the stub");
    }

    private static HttpRequest get(HttpTransport http, URI uri) {
        return http.request(uri.resolve("/thing")).GET().build();
    }

    @Test
    void thisJvmPoolsExactlyWhenCompletableFutureStartsAThreadPerTask() {
        boolean threadPerTask = !(new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool);

        assertThat(Dispatch.forThisJvm()).isEqualTo(threadPerTask ? Dispatch.POOLED : Dispatch.ASYNC);
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void answersTheStatusAndBody(Dispatch dispatch) throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> RawHttpStub.agentResponse(418, "Teapot", "{\"a\": 1}"))) {
            HttpTransport http = transport(dispatch, 1024);

            HttpTransport.Response r = HttpTransport.join(http.send(get(http, stub.uri()), true));

            assertThat(r).isEqualTo(new HttpTransport.Response(418, "{\"a\": 1}"));
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void retriesAn503OnlyWhenIdempotent(Dispatch dispatch) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpStub stub = new RawHttpStub(r -> calls.getAndIncrement() % 2 == 0
                ? RawHttpStub.agentResponse(503, "Busy", "{}")
                : RawHttpStub.agentResponse(200, "OK", "[]"))) {
            HttpTransport http = transport(dispatch, 1024);

            HttpTransport.Response retried = HttpTransport.join(http.send(get(http, stub.uri()), true));
            HttpTransport.Response once = HttpTransport.join(http.send(get(http, stub.uri()), false));

            assertThat(retried.status()).isEqualTo(200);
            assertThat(once.status()).isEqualTo(503);
            assertThat(stub.requests()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void anUnreachablePeerIsUnavailableWithTheIoErrorAsCause(Dispatch dispatch) throws IOException {
        URI closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        HttpTransport http = transport(dispatch, 1024);

        BackendUnavailableException e = catchThrowableOfType(
                BackendUnavailableException.class, () -> HttpTransport.join(http.send(get(http, closed), true)));

        assertThat(e).hasMessageContaining("the stub could not be reached").hasCauseInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void aBodyOverTheLimitIsRefused(Dispatch dispatch) throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> RawHttpStub.agentResponse(200, "OK", "x".repeat(100)))) {
            HttpTransport http = transport(dispatch, 50);

            BackendUnavailableException e = catchThrowableOfType(
                    BackendUnavailableException.class,
                    () -> HttpTransport.join(http.send(get(http, stub.uri()), false)));

            assertThat(e).hasMessageContaining("larger than 50 bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void fiftyRequestsAreInFlightAtOnce(Dispatch dispatch) throws IOException {
        int n = 50;
        CountDownLatch arrived = new CountDownLatch(n);
        // Each answer waits until all 50 requests have arrived: sent one after another, none would be answered.
        try (RawHttpStub stub = new RawHttpStub(r -> {
            arrived.countDown();
            try {
                return arrived.await(30, TimeUnit.SECONDS)
                        ? RawHttpStub.agentResponse(200, "OK", r.path())
                        : RawHttpStub.agentResponse(500, "Not concurrent", "{}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        })) {
            HttpTransport http = transport(dispatch, 1024);
            List<CompletableFuture<HttpTransport.Response>> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sent.add(http.send(
                        http.request(stub.uri().resolve("/n" + i)).GET().build(), false));
            }

            for (int i = 0; i < n; i++) {
                assertThat(HttpTransport.join(sent.get(i))).isEqualTo(new HttpTransport.Response(200, "/n" + i));
            }
        }
    }
}
