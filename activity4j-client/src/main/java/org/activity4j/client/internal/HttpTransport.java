package org.activity4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import javax.net.ssl.SSLHandshakeException;
import org.activity4j.core.ActivityException;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.RemoteTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests with the JDK's HttpClient ({@code sendAsync}: no thread waits while the server thinks) and
 * reads each answer's body as a stream on the client's executor, under one deadline per call: the request
 * timeout bounds connecting, the TLS handshake, the wait for the header, the body (a server that stalls or
 * trickles it) and every retry together; past it the call fails with a {@link RemoteTimeoutException}
 * naming the timeout.
 *
 * <p>Retries, for idempotent requests only: I/O errors, 502 and 504 with exponential backoff; 503 after its
 * {@code Retry-After} (seconds or an HTTP date) or the backoff; 429 only when it has a {@code Retry-After}. A
 * retry that would end after the deadline is not made: the answer is returned with its {@code Retry-After}.
 * A TLS handshake that refuses the server's certificate is never retried and says so (the cause is the
 * {@link SSLHandshakeException}). Transport failures become {@link BackendUnavailableException}. Retries and
 * refused certificates are logged through {@link System.Logger} ({@code
 * org.activity4j.client.internal.HttpTransport}: INFO and WARNING), and the failure is still thrown.
 *
 * <p>Thread-safe. Bodies are decoded on the executor given at construction; {@link #close()} shuts down
 * the executor only if this transport owns it.
 */
public final class HttpTransport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpTransport.class.getName());
    /** The most of an error body that is read for its message. */
    static final int MAX_ERROR_BODY_BYTES = 1024 * 1024;
    /** Time left under which a timeout of the JDK's counts as the call's deadline. */
    private static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HttpClient client;
    private final Executor executor;
    private final @Nullable ExecutorService owned;
    private final Duration requestTimeout;
    private final int retries;
    private final Duration backoff;
    private final long maxBodyBytes;
    private final String peer;
    private final Clock clock;

    /** A response: its status and its body as UTF-8 text. */
    public record Response(int status, String body) {}

    /**
     * A response read by a {@link BodyReader}: the status, the decoded value when the status is one the call
     * decodes (else empty, and {@code errorBody} holds the body's text, at most 1 MiB), and the instant of its
     * {@code Retry-After}, if any.
     */
    public record Reply<T>(int status, Optional<T> value, String errorBody, Optional<Instant> retryAfter) {}

    /** Reads a response body from its stream, which ends where the body ends. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * @param client the JDK client that sends
     * @param executor where bodies are read and decoded and retries are scheduled
     * @param owned the executor again if this transport owns it (shut down on {@link #close()}), else null
     */
    public HttpTransport(
            HttpClient client,
            Executor executor,
            @Nullable ExecutorService owned,
            Duration requestTimeout,
            int retries,
            Duration backoff,
            long maxBodyBytes,
            String peer,
            Clock clock) {
        this.client = client;
        this.executor = executor;
        this.owned = owned;
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.backoff = backoff;
        this.maxBodyBytes = maxBodyBytes;
        this.peer = peer;
        this.clock = clock;
    }

    /** A request builder with the timeout set (each attempt is given the time left of its call instead). */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /** Sends the request and reads any answer as text; retries it only when {@code idempotent}. */
    public CompletableFuture<Response> send(HttpRequest request, boolean idempotent) {
        return send(request, idempotent, status -> true, HttpTransport::text)
                .thenApply(r -> new Response(r.status(), r.value().orElse("")));
    }

    /**
     * Sends the request; a 2xx answer's body is decoded by {@code reader} as it arrives (never held whole),
     * any other is read as text. Retries only when {@code idempotent}.
     */
    public <T> CompletableFuture<Reply<T>> send(HttpRequest request, boolean idempotent, BodyReader<T> reader) {
        return send(request, idempotent, status -> status >= 200 && status < 300, reader);
    }

    private <T> CompletableFuture<Reply<T>> send(
            HttpRequest request, boolean idempotent, IntPredicate decodes, BodyReader<T> reader) {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        return attempt(request, idempotent ? retries : 0, 0, deadline, decodes, reader);
    }

    private <T> CompletableFuture<Reply<T>> attempt(
            HttpRequest request,
            int retriesLeft,
            int attempt,
            long deadline,
            IntPredicate decodes,
            BodyReader<T> reader) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return CompletableFuture.failedFuture(
                    timeout(request, new HttpTimeoutException("no time left for another attempt")));
        }
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(Duration.ofNanos(left))
                .build();
        CompletableFuture<HttpResponse<InputStream>> sent;
        try {
            sent = client.sendAsync(timed, info -> new BodyStream(maxBodyBytes, deadline, requestTimeout));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.handleAsync(
                        (HttpResponse<InputStream> response, @Nullable Throwable failure) -> failure != null
                                ? failed(request, unwrap(failure), retriesLeft, attempt, deadline, decodes, reader)
                                : answered(request, response, retriesLeft, attempt, deadline, decodes, reader),
                        this::execute)
                .thenCompose(f -> f);
    }

    private <T> CompletableFuture<Reply<T>> answered(
            HttpRequest request,
            HttpResponse<InputStream> response,
            int retriesLeft,
            int attempt,
            long deadline,
            IntPredicate decodes,
            BodyReader<T> reader) {
        int status = response.statusCode();
        InputStream body = response.body();
        Optional<Instant> retryAfter = status == 503 || status == 429
                ? response.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, clock.instant()))
                : Optional.empty();
        boolean retryable =
                status == 502 || status == 504 || status == 503 || (status == 429 && retryAfter.isPresent());
        if (retriesLeft > 0 && retryable) {
            long delayMillis = retryAfter
                    .map(when ->
                            Math.max(0, Duration.between(clock.instant(), when).toMillis()))
                    .orElse(backoffMillis(attempt));
            if (fits(delayMillis, deadline)) {
                closeQuietly(body);
                LOG.log(
                        System.Logger.Level.INFO,
                        "{0}: {1} {2} answered {3}; retrying in {4} ms ({5} retries left)",
                        peer,
                        request.method(),
                        request.uri(),
                        status,
                        delayMillis,
                        retriesLeft - 1);
                return later(
                        delayMillis, () -> attempt(request, retriesLeft - 1, attempt + 1, deadline, decodes, reader));
            }
        }
        try (InputStream in = body) {
            if (decodes.test(status)) {
                return CompletableFuture.completedFuture(
                        new Reply<>(status, Optional.of(reader.read(in)), "", retryAfter));
            }
            return CompletableFuture.completedFuture(
                    new Reply<T>(status, Optional.empty(), text(in, MAX_ERROR_BODY_BYTES), retryAfter));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(transportFailure(request, e, deadline));
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(transportFailure(
                    request, java.util.Objects.requireNonNullElse((Throwable) e.getCause(), e), deadline));
        } catch (OutOfMemoryError e) {
            // Dropping what was decoded so far gives the heap back; the caller learns why in a typed error.
            return CompletableFuture.failedFuture(new BackendUnavailableException(
                    peer + ": the answer to " + request.method() + " " + request.uri()
                            + " did not fit in the heap while it was decoded (ask for smaller pages, or lower"
                            + " the client's maxResponseBytes): " + e,
                    e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> CompletableFuture<Reply<T>> failed(
            HttpRequest request,
            Throwable failure,
            int retriesLeft,
            int attempt,
            long deadline,
            IntPredicate decodes,
            BodyReader<T> reader) {
        if (failure instanceof ActivityException || !(failure instanceof IOException)) {
            return CompletableFuture.failedFuture(failure);
        }
        ActivityException error = transportFailure(request, failure, deadline);
        if (error instanceof RemoteTimeoutException || certificateRefused(failure) || retriesLeft == 0) {
            return CompletableFuture.failedFuture(error);
        }
        long delayMillis = backoffMillis(attempt);
        if (!fits(delayMillis, deadline)) {
            return CompletableFuture.failedFuture(error);
        }
        LOG.log(
                System.Logger.Level.INFO,
                "{0}: {1} {2} failed ({3}); retrying in {4} ms ({5} retries left)",
                peer,
                request.method(),
                request.uri(),
                failure,
                delayMillis,
                retriesLeft - 1);
        return later(delayMillis, () -> attempt(request, retriesLeft - 1, attempt + 1, deadline, decodes, reader));
    }

    private static boolean fits(long delayMillis, long deadline) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) < deadline;
    }

    private long backoffMillis(int attempt) {
        return backoff.toMillis() << Math.min(attempt, 16);
    }

    private <T> CompletableFuture<T> later(long delayMillis, java.util.function.Supplier<CompletableFuture<T>> next) {
        return CompletableFuture.supplyAsync(
                        () -> null,
                        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, this::execute))
                .thenCompose(ignored -> next.get());
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException(peer + ": the client is closed (its executor refused the task)", e);
        }
    }

    private ActivityException transportFailure(HttpRequest request, Throwable cause, long deadline) {
        if (cause instanceof ActivityException) {
            return (ActivityException) cause;
        }
        if (cause instanceof HttpTimeoutException && atDeadline(deadline)) {
            // The JDK's per-attempt timeout is the time left of the call; BodyStream's is the deadline itself.
            // Earlier, it is the connect timeout: the peer could not be reached, which may be retried.
            return timeout(request, cause);
        }
        if (certificateRefused(cause)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: refused the server''s certificate for {1} {2}: {3}",
                    peer,
                    request.method(),
                    request.uri(),
                    cause.toString());
            return new BackendUnavailableException(
                    peer + " could not be reached: the TLS handshake for " + request.method() + " " + request.uri()
                            + " failed because the server's certificate is not trusted or does not name the host"
                            + " (give the client's builder an sslContext(...) that trusts it): " + cause,
                    cause);
        }
        return new BackendUnavailableException(
                peer + " could not be reached: " + request.method() + " " + request.uri() + ": " + cause, cause);
    }

    private ActivityException timeout(HttpRequest request, Throwable cause) {
        return new RemoteTimeoutException(
                peer + " did not answer " + request.method() + " " + request.uri() + " within the request timeout of "
                        + requestTimeout.toMillis() + " ms (" + cause.getMessage() + ")",
                requestTimeout,
                cause);
    }

    /** Whether the JDK's timeout fired at the call's deadline rather than at a shorter connect timeout. */
    static boolean atDeadline(long deadline) {
        return deadline - System.nanoTime() <= DEADLINE_SLACK_NANOS;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Whether the failure is a TLS handshake that refused the server's certificate (untrusted, expired, or
     * not naming the host): asking again cannot help, so it is never retried.
     */
    static boolean certificateRefused(Throwable failure) {
        boolean handshake = false;
        @Nullable Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            handshake |= t instanceof SSLHandshakeException;
            if (handshake && t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** The whole body as UTF-8 text (for small bodies: a session, an error). */
    public static String text(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** At most {@code max} bytes of the body as UTF-8 text. */
    private static String text(InputStream body, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while (out.size() < max && (n = body.read(chunk, 0, Math.min(chunk.length, max - out.size()))) > 0) {
            out.write(chunk, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // BodyStream.close does not fail; InputStream declares it anyway.
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an asynchronous result and rethrows its failure as it is (not wrapped). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    /** Shuts down the executor if this transport made it; one given by the caller is left alone. */
    @Override
    public void close() {
        ExecutorService pool = owned;
        if (pool != null) {
            pool.shutdown();
        }
    }
}
