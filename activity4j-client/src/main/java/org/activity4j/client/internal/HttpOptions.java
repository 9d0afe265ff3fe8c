package org.activity4j.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP options both clients' builders take (TLS context, timeouts, retries of reads, clock), validated
 * once here, and the {@link HttpTransport} made from them. Not thread-safe; a builder owns one.
 */
public final class HttpOptions {
    private @Nullable SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int retries = 2;
    private Duration retryBackoff = Duration.ofMillis(200);
    private Clock clock = Clock.systemUTC();

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

    /**
     * An HTTP/1.1 transport that never follows redirects, with these options, over the {@link SharedHttpClients}
     * client of its TLS context and connect timeout.
     */
    public HttpTransport transport(int maxBodyBytes, String peer) {
        return new HttpTransport(
                SharedHttpClients.get(sslContext, connectTimeout),
                Dispatch.forThisJvm(),
                requestTimeout,
                retries,
                retryBackoff,
                maxBodyBytes,
                peer);
    }

    private static Duration positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
