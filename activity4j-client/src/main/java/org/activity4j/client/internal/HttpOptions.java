package org.activity4j.client.internal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP options both clients' builders take (TLS context, timeouts, retries of reads, clock, the caller's
 * own {@link HttpClient} and {@link Executor}), validated once here, and the {@link HttpTransport} made from
 * them. Not thread-safe; a builder owns one.
 */
public final class HttpOptions {
    /** Threads of the pool a client makes when it is given no executor. */
    public static final int OWN_POOL_THREADS = 4;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private @Nullable SSLContext sslContext;
    private @Nullable Duration connectTimeout;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int retries = 2;
    private Duration retryBackoff = Duration.ofMillis(200);
    private Clock clock = Clock.systemUTC();
    private @Nullable HttpClient httpClient;
    private @Nullable Executor executor;
    private long maxResponseBytes;

    /** Whether {@code uri} is absolute, {@code http} or {@code https} (lowercase, as written), and names a host. */
    public static boolean isHttpWithHost(java.net.URI uri) {
        String scheme = uri.getScheme();
        return uri.getHost() != null && ("https".equals(scheme) || "http".equals(scheme));
    }

    public void sslContext(SSLContext sslContext) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
    }

    public void connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
    }

    public void requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
    }

    public void retries(int retries, Duration backoff) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
        this.retries = retries;
        this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
    }

    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }

    public void httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "httpClient");
    }

    public void executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public void maxResponseBytes(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be >= 1: " + max);
        }
        this.maxResponseBytes = max;
    }

    /**
     * A transport with these options: over the caller's {@link HttpClient} if one was given, else over the
     * {@link SharedHttpClients} client of the TLS context and connect timeout (HTTP/1.1, no redirects); reading
     * bodies on the caller's executor if one was given, else on a pool of {@value #OWN_POOL_THREADS} daemon
     * threads that the transport owns (started when needed, stopped after 30 s idle, shut down by {@link
     * HttpTransport#close()}).
     *
     * @param maxBodyBytes the largest body accepted unless {@code maxResponseBytes} was set
     * @throws IllegalStateException if an {@code httpClient} was given together with an sslContext or a connect
     *     timeout, which belong to the HttpClient
     */
    public HttpTransport transport(int maxBodyBytes, String peer) {
        HttpClient given = httpClient;
        if (given != null && (sslContext != null || connectTimeout != null)) {
            throw new IllegalStateException("sslContext(...) and connectTimeout(...) are the HttpClient's settings:"
                    + " set them on the HttpClient given to httpClient(...), not on this builder");
        }
        HttpClient client = given != null
                ? given
                : SharedHttpClients.get(sslContext, connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout);
        Executor e = executor;
        ExecutorService owned = null;
        if (e == null) {
            owned = ownPool();
            e = owned;
        }
        return new HttpTransport(
                client,
                e,
                owned,
                requestTimeout,
                retries,
                retryBackoff,
                maxResponseBytes > 0 ? maxResponseBytes : maxBodyBytes,
                peer,
                clock);
    }

    private static ExecutorService ownPool() {
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "activity4j-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                OWN_POOL_THREADS, OWN_POOL_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static Duration positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
