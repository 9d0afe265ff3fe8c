package org.activity4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.activity4j.core.ActivityException;
import org.activity4j.core.BackendUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests with the JDK's HttpClient: a request timeout on every request, retries with exponential
 * backoff for idempotent requests only (on I/O errors and on 502, 503 and 504), and a body reader that reads
 * until the server closes or ends the body, whatever Content-Length says or does not say, up to a size limit.
 * Transport failures become {@link BackendUnavailableException}; a TLS handshake that refuses the server's
 * certificate is never retried and says so in the message (the cause is the {@link SSLHandshakeException}).
 */
public final class HttpTransport {
    private static final Set<Integer> RETRY_STATUSES = Set.of(502, 503, 504);

    private final HttpClient client;
    private final Dispatch dispatch;
    private final Duration requestTimeout;
    private final int retries;
    private final Duration backoff;
    private final int maxBodyBytes;
    private final String peer;

    /** A response: its status and its body as UTF-8 text. */
    public record Response(int status, String body) {}

    public HttpTransport(
            HttpClient client,
            Dispatch dispatch,
            Duration requestTimeout,
            int retries,
            Duration backoff,
            int maxBodyBytes,
            String peer) {
        this.client = client;
        this.dispatch = dispatch;
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.backoff = backoff;
        this.maxBodyBytes = maxBodyBytes;
        this.peer = peer;
    }

    /** A request builder with the timeout set. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    /** Sends the request; retries it only when {@code idempotent}. */
    public CompletableFuture<Response> send(HttpRequest request, boolean idempotent) {
        return attempt(request, idempotent ? retries : 0, 0);
    }

    private CompletableFuture<Response> attempt(HttpRequest request, int retriesLeft, int attempt) {
        return dispatch.send(client, request, info -> new BoundedBody(maxBodyBytes))
                .handle((HttpResponse<byte[]> response, @Nullable Throwable failure) -> {
                    if (failure == null && (retriesLeft == 0 || !RETRY_STATUSES.contains(response.statusCode()))) {
                        return CompletableFuture.completedFuture(new Response(
                                response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
                    }
                    if (failure != null && (retriesLeft == 0 || certificateRefused(failure))) {
                        return CompletableFuture.<Response>failedFuture(unavailable(request, failure));
                    }
                    long delay = backoff.toMillis() << Math.min(attempt, 16);
                    return CompletableFuture.supplyAsync(
                                    () -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(request, retriesLeft - 1, attempt + 1));
                })
                .thenCompose(f -> f);
    }

    private ActivityException unavailable(HttpRequest request, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ActivityException) {
            return (ActivityException) cause;
        }
        if (certificateRefused(cause)) {
            return new BackendUnavailableException(
                    peer + " could not be reached: the TLS handshake for " + request.method() + " " + request.uri()
                            + " failed because the server's certificate is not trusted or does not name the host"
                            + " (give the client's builder an sslContext(...) that trusts it): " + cause,
                    cause);
        }
        return new BackendUnavailableException(
                peer + " could not be reached: " + request.method() + " " + request.uri() + ": " + cause, cause);
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

    /** Collects the body until the stream ends, refusing more than a limit. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.@Nullable Subscription subscription;

        BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > max) {
                    Flow.Subscription s = subscription;
                    if (s != null) {
                        s.cancel();
                    }
                    result.completeExceptionally(new IOException("response body larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
