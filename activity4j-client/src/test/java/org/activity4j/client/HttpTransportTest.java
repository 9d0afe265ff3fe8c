package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.activity4j.client.internal.HttpTransport;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.RemoteTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport over real sockets on 127.0.0.1: deadlines, retries, Retry-After, body limits, executors. */
class HttpTransportTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private HttpTransport transport(Duration timeout, int retries, long maxBodyBytes) {
        return transport(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), timeout, retries, maxBodyBytes);
    }

    private HttpTransport transport(HttpClient client, Duration timeout, int retries, long maxBodyBytes) {
        return new HttpTransport(
                client,
                pool,
                null,
                timeout,
                retries,
                Duration.ofMillis(1),
                maxBodyBytes,
                "the stub",
                Clock.systemUTC());
    }

    private static HttpRequest get(HttpTransport http, URI uri) {
        return http.request(uri.resolve("/thing")).GET().build();
    }

    private static HttpRequest post(HttpTransport http, URI uri) {
        return http.request(uri.resolve("/thing"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build();
    }

    private static byte[] response(int status, String extraHeaders, String body) {
        return ("HTTP/1.1 " + status + " X\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                        + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersTheStatusAndBody() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> RawHttpStub.agentResponse(418, "Teapot", "{\"a\": 1}"))) {
            HttpTransport http = transport(Duration.ofSeconds(10), 2, 1024);

            HttpTransport.Response r = HttpTransport.join(http.send(get(http, stub.uri()), true));

            assertThat(r).isEqualTo(new HttpTransport.Response(418, "{\"a\": 1}"));
        }
    }

    @Test
    void decodesA2xxBodyWithTheReaderAndKeepsTheTextOfOthers() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpStub stub = new RawHttpStub(r -> calls.getAndIncrement() == 0
                ? response(200, "", "[1,2,3]")
                : response(404, "", "{\"error\": \"no\"}"))) {
            HttpTransport http = transport(Duration.ofSeconds(10), 0, 1024);
            HttpTransport.BodyReader<Integer> length = in -> in.readAllBytes().length;

            HttpTransport.Reply<Integer> ok = HttpTransport.join(http.send(get(http, stub.uri()), true, length));
            HttpTransport.Reply<Integer> missing = HttpTransport.join(http.send(get(http, stub.uri()), true, length));

            assertThat(ok.value()).contains(7);
            assertThat(missing.value()).isEmpty();
            assertThat(missing.errorBody()).isEqualTo("{\"error\": \"no\"}");
        }
    }

    @Test
    void retriesAn503OnlyWhenIdempotent() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpStub stub = new RawHttpStub(r -> calls.getAndIncrement() % 2 == 0
                ? RawHttpStub.agentResponse(503, "Busy", "{}")
                : RawHttpStub.agentResponse(200, "OK", "[]"))) {
            HttpTransport http = transport(Duration.ofSeconds(10), 2, 1024);

            HttpTransport.Response retried = HttpTransport.join(http.send(get(http, stub.uri()), true));
            HttpTransport.Response once = HttpTransport.join(http.send(post(http, stub.uri()), false));

            assertThat(retried.status()).isEqualTo(200);
            assertThat(once.status()).isEqualTo(503);
            assertThat(stub.requests()).hasSize(3);
        }
    }

    @Test
    void aStalledBodyFailsTheCallWithATimeoutNamingIt() throws IOException, InterruptedException {
        CountDownLatch released = new CountDownLatch(1);
        // The header and 10 of 1,000 bytes, then nothing while the socket stays open.
        try (RawHttpStub stub = new RawHttpStub((r, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n[1,2,3,4,5".getBytes(StandardCharsets.UTF_8));
            out.flush();
            released.await(60, TimeUnit.SECONDS);
        })) {
            HttpTransport http = transport(Duration.ofMillis(700), 2, 1 << 20);

            RemoteTimeoutException e = catchThrowableOfType(
                    RemoteTimeoutException.class,
                    () -> HttpTransport.join(http.send(get(http, stub.uri()), true, HttpTransport::text)));
            boolean serverStillHolding = released.getCount() == 1;
            released.countDown();

            assertThat(serverStillHolding).isTrue();
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(700));
            assertThat(e).hasMessageContaining("within the request timeout of 700 ms");
            assertThat(stub.requests()).hasSize(1); // a call out of time is not retried
        }
    }

    @Test
    void aTrickledBodyFailsTheCallAtTheDeadline() throws IOException {
        AtomicInteger sent = new AtomicInteger();
        // One byte every 50 ms of a 100,000-byte body: each read gets a byte long before any read timeout would
        // fire, but the whole body would take more than an hour.
        try (RawHttpStub stub = new RawHttpStub((r, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 100_000; i++) {
                out.write(' ');
                out.flush();
                sent.incrementAndGet();
                Thread.sleep(50);
            }
        })) {
            HttpTransport http = transport(Duration.ofSeconds(1), 2, 1 << 20);

            RemoteTimeoutException e = catchThrowableOfType(
                    RemoteTimeoutException.class,
                    () -> HttpTransport.join(http.send(get(http, stub.uri()), true, HttpTransport::text)));

            assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(sent.get()).isLessThan(1000);
        }
    }

    @Test
    void aFrozenTlsPeerIsBoundedByTheCallsDeadlineNotByEachAttemptsConnectTimeout() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = frozen.accept(); // accepts TCP, never answers the handshake
                        accepted.incrementAndGet();
                        synchronized (held) {
                            held.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            HttpClient tls = HttpClient.newBuilder()
                    .sslContext(SSLContext.getDefault())
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            HttpTransport http = transport(tls, Duration.ofMillis(800), 2, 1024);
            URI uri = URI.create("https://127.0.0.1:" + frozen.getLocalPort());

            RemoteTimeoutException e = catchThrowableOfType(
                    RemoteTimeoutException.class, () -> HttpTransport.join(http.send(get(http, uri), true)));

            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(800));
            assertThat(accepted.get()).isEqualTo(1);
        } finally {
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void honoursRetryAfterInSecondsOn503() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpStub stub = new RawHttpStub(r ->
                calls.getAndIncrement() == 0 ? response(503, "Retry-After: 1\r\n", "{}") : response(200, "", "ok"))) {
            HttpTransport http = transport(Duration.ofSeconds(10), 2, 1024);
            long start = System.nanoTime();

            HttpTransport.Response r = HttpTransport.join(http.send(get(http, stub.uri()), true));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(r).isEqualTo(new HttpTransport.Response(200, "ok"));
            // Not a speed limit: the retry must not come before the second the server asked for.
            assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void honoursRetryAfterAsAnHttpDateOn429() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (RawHttpStub stub = new RawHttpStub(r -> {
            if (calls.getAndIncrement() > 0) {
                return response(200, "", "ok");
            }
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC));
            return response(429, "Retry-After: " + date + "\r\n", "{}");
        })) {
            HttpTransport http = transport(Duration.ofSeconds(10), 2, 1024);

            HttpTransport.Response r = HttpTransport.join(http.send(get(http, stub.uri()), true));

            assertThat(r.status()).isEqualTo(200);
            assertThat(stub.requests()).hasSize(2);
        }
    }

    @Test
    void a429WithoutRetryAfterIsNotRetried() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> response(429, "", "{}"))) {
            HttpTransport http = transport(Duration.ofSeconds(10), 2, 1024);

            HttpTransport.Response r = HttpTransport.join(http.send(get(http, stub.uri()), true));

            assertThat(r.status()).isEqualTo(429);
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsSurfacedInsteadOfWaitedFor() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> response(503, "Retry-After: 120\r\n", "{}"))) {
            HttpTransport http = transport(Duration.ofSeconds(5), 2, 1024);
            Instant before = Instant.now();

            HttpTransport.Reply<String> r =
                    HttpTransport.join(http.send(get(http, stub.uri()), true, HttpTransport::text));

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.retryAfter())
                    .hasValueSatisfying(t -> assertThat(t)
                            .isBetween(before.plusSeconds(119), Instant.now().plusSeconds(121)));
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void aPostIsNeverRetriedEvenWithRetryAfter() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> response(503, "Retry-After: 0\r\n", "{}"))) {
            HttpTransport http = transport(Duration.ofSeconds(5), 2, 1024);

            HttpTransport.Response r = HttpTransport.join(http.send(post(http, stub.uri()), false));

            assertThat(r.status()).isEqualTo(503);
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void anUnreachablePeerIsUnavailableWithTheIoErrorAsCause() throws IOException {
        URI closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        HttpTransport http = transport(Duration.ofSeconds(10), 2, 1024);

        BackendUnavailableException e = catchThrowableOfType(
                BackendUnavailableException.class, () -> HttpTransport.join(http.send(get(http, closed), true)));

        assertThat(e).isNotInstanceOf(RemoteTimeoutException.class);
        assertThat(e).hasMessageContaining("the stub could not be reached").hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws IOException {
        try (RawHttpStub stub = new RawHttpStub(r -> RawHttpStub.agentResponse(200, "OK", "x".repeat(100)))) {
            HttpTransport http = transport(Duration.ofSeconds(10), 2, 50);

            BackendUnavailableException e = catchThrowableOfType(
                    BackendUnavailableException.class,
                    () -> HttpTransport.join(http.send(post(http, stub.uri()), false)));

            assertThat(e).hasMessageContaining("larger than 50 bytes");
        }
    }

    @Test
    void bodiesAreReadOnTheGivenExecutor() throws IOException {
        AtomicInteger tasks = new AtomicInteger();
        java.util.concurrent.Executor counting = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try (RawHttpStub stub = new RawHttpStub(r -> response(200, "", "ok"))) {
            HttpTransport http = new HttpTransport(
                    HttpClient.newHttpClient(),
                    counting,
                    null,
                    Duration.ofSeconds(5),
                    0,
                    Duration.ofMillis(1),
                    1024,
                    "the stub",
                    Clock.systemUTC());
            List<String> readOn = new ArrayList<>();

            HttpTransport.join(http.send(get(http, stub.uri()), true, (InputStream in) -> {
                readOn.add(Thread.currentThread().getName());
                return HttpTransport.text(in);
            }));

            assertThat(tasks.get()).isPositive();
            assertThat(readOn).singleElement().asString().startsWith("pool-");
        }
    }

    @Test
    void fiftyRequestsAreInFlightAtOnce() throws IOException {
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
            HttpTransport http = transport(Duration.ofSeconds(30), 0, 1024);
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
