package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.BackendInspector;
import org.jspecify.annotations.Nullable;

/**
 * activity4j's reference agent: an HTTP server on {@code 127.0.0.1} (the JDK's {@code
 * com.sun.net.httpserver}) that serves
 *
 * <ul>
 *   <li>temBoard's old activity API over a {@link BackendInspector}: {@code POST /login}, {@code GET
 *       /logout}, {@code GET /profile}, {@code GET /activity}, {@code /activity/waiting}, {@code
 *       /activity/blocking}, {@code POST /activity/kill} and the extension {@code POST /activity/cancel},
 *       with users whose passwords are kept as salted PBKDF2WithHmacSHA256 hashes and {@code X-Session}
 *       sessions that expire after {@link Builder#sessionTimeout} without use, with the status codes and
 *       error bodies of the real agent 7.11, minus its bugs (a {@code pids} value that is not a list is 406
 *       rather than 500; a pid PostgreSQL refuses is {@code killed: false} and the others proceed rather
 *       than a 500 for the batch; sessions that never ran a query are listed; blocking rows come from
 *       {@code pg_blocking_pids()}); a pid {@code <= 0} is 406 {@code Parameter 'pids' is malformed.};
 *   <li>Landscape's legacy {@code ?action=} API at {@code /api/} ({@code GetActivities}, {@code
 *       GetActivityTypes}, {@code CancelActivities}, {@code ApproveActivities}, GET or POST form) over the
 *       account each access key maps to, with signature version 2 checked in constant time and the
 *       timestamp within {@link Builder#signatureWindow} of the agent's clock.
 * </ul>
 *
 * <p>It speaks plain HTTP unless {@link Builder#https(SSLContext)} gives it a TLS key and certificate (the real
 * temBoard agent speaks HTTPS, usually with a self-signed certificate), and does not sleep on login unless
 * {@link Builder#loginDelay} says so (the real agent sleeps 1 s on every login to slow password guessing; the
 * default here is 0 so that tests stay fast). A POST body over {@link #MAX_REQUEST_BODY_BYTES} (1 MiB) is
 * refused with 413 and {@code Connection: close} before anything else is checked: at once when its {@code
 * Content-Length} says so, otherwise after reading one byte over the limit, never more. Unless set otherwise,
 * starting an agent sets the system property {@code sun.net.httpserver.nodelay=true} (TCP_NODELAY for the JDK's
 * server; without it every answer waits about 40 ms for a delayed ACK).
 *
 * <pre>{@code
 * try (ReferenceAgent agent = ReferenceAgent.builder()
 *         .backendInspector(BackendInspector.postgres(dataSource))
 *         .user("alice", "s3cret-pass")
 *         .activityStore(ActivityStores.inMemory())
 *         .accessKey("KEY1", "secret1", "default")
 *         .start()) {
 *     URI temboard = agent.uri();          // http://127.0.0.1:PORT/
 *     URI landscape = agent.landscapeUri(); // http://127.0.0.1:PORT/api/
 * }
 * }</pre>
 *
 * <p>Thread-safe; requests are served concurrently, each on a thread of its own (a cached pool), so a slow
 * answer (the login delay, a slow inspector or store) never holds up the others.
 */
public final class ReferenceAgent implements AutoCloseable {
    /** The path of the Landscape API. */
    public static final String LANDSCAPE_PATH = "/api/";

    /** The largest POST body the agent reads, 1 MiB; a larger one is answered 413. */
    public static final int MAX_REQUEST_BODY_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;

    private ReferenceAgent(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        InetSocketAddress bound = server.getAddress();
        String scheme = server instanceof HttpsServer ? "https" : "http";
        this.uri = URI.create(scheme + "://" + bound.getAddress().getHostAddress() + ":" + bound.getPort() + "/");
    }

    /** A builder of an agent. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URI of the temBoard API, {@code http://127.0.0.1:PORT/} ({@code https://} with TLS). */
    public URI uri() {
        return uri;
    }

    /** The endpoint of the Landscape API, {@code http://127.0.0.1:PORT/api/} ({@code https://} with TLS). */
    public URI landscapeUri() {
        return uri.resolve(LANDSCAPE_PATH);
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "ReferenceAgent[" + uri + "]";
    }

    /**
     * Options of a {@link ReferenceAgent}.
     *
     * <pre>{@code
     * ReferenceAgent.builder().backendInspector(inspector).user("alice", "s3cret-pass").port(0).start();
     * }</pre>
     *
     * <p>Not thread-safe; the agent it starts is.
     */
    public static final class Builder {
        private static final String NODELAY = "sun.net.httpserver.nodelay";
        private int port;
        private Clock clock = Clock.systemUTC();
        private @Nullable BackendInspector inspector;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Duration sessionTimeout = Duration.ofSeconds(3600);
        private Duration loginDelay = Duration.ZERO;
        private Sleeper sleeper = Sleeper.THREAD;
        private @Nullable SSLContext tls;
        private @Nullable ActivityStore store;
        private final Map<String, String> keySecrets = new LinkedHashMap<>();
        private final Map<String, String> keyAccounts = new LinkedHashMap<>();
        private final Map<String, ActivityService> keyServices = new LinkedHashMap<>();
        private Duration signatureWindow = Duration.ofMinutes(15);

        private Builder() {}

        /** The TCP port on 127.0.0.1; 0 (the default) picks a free one, see {@link ReferenceAgent#uri()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock for session expiry and the signature timestamp window (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Serves the temBoard API over this inspector; without one, its routes answer 404. */
        public Builder backendInspector(BackendInspector inspector) {
            this.inspector = Objects.requireNonNull(inspector, "inspector");
            return this;
        }

        /**
         * A temBoard user. The name must match {@code ^[a-z0-9]{3,16}$} and the password {@code ^.{5,32}$},
         * as the agent's login checks them; the password is kept only as a salted hash.
         */
        public Builder user(String username, String password) {
            if (!username.matches("[a-z0-9]{3,16}")) {
                throw new IllegalArgumentException("a user name is 3 to 16 of a-z and 0-9: " + username);
            }
            if (password.length() < 5 || password.length() > 32) {
                throw new IllegalArgumentException("a password is 5 to 32 characters long");
            }
            users.put(username, password);
            return this;
        }

        /** How long a session lives without use (default 3600 s, as temBoard's). */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = positive(timeout, "sessionTimeout");
            return this;
        }

        /**
         * How long every login waits before it answers, to slow password guessing (default 0; the real agent
         * waits 1 s).
         */
        public Builder loginDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("loginDelay must not be negative: " + delay);
            }
            this.loginDelay = delay;
            return this;
        }

        /** How the login delay is waited (tests record it instead of sleeping). */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Serves HTTPS instead of HTTP, with the key and certificate of {@code context} (for 127.0.0.1 the
         * certificate needs the subject alternative name {@code IP:127.0.0.1}). Clients must trust the
         * certificate: give them an {@link SSLContext} whose trust store holds it.
         *
         * <pre>{@code
         * KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
         * keys.init(keyStore, password);
         * SSLContext context = SSLContext.getInstance("TLS");
         * context.init(keys.getKeyManagers(), null, null);
         * ReferenceAgent.builder().https(context).backendInspector(inspector).user("alice", "s3cret-pass").start();
         * }</pre>
         */
        public Builder https(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The store whose accounts {@link #accessKey(String, String, String)} maps keys to. */
        public Builder activityStore(ActivityStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** A Landscape access key that sees {@code account} of the {@link #activityStore(ActivityStore)}. */
        public Builder accessKey(String accessKeyId, String secretKey, String account) {
            putKey(accessKeyId, secretKey);
            keyAccounts.put(accessKeyId, Objects.requireNonNull(account, "account"));
            return this;
        }

        /** A Landscape access key that sees {@code service}. */
        public Builder accessKey(String accessKeyId, String secretKey, ActivityService service) {
            putKey(accessKeyId, secretKey);
            keyServices.put(accessKeyId, Objects.requireNonNull(service, "service"));
            return this;
        }

        /** How far a request's {@code timestamp} may be from the agent's clock, either way (default 15 min). */
        public Builder signatureWindow(Duration window) {
            this.signatureWindow = positive(window, "signatureWindow");
            return this;
        }

        /**
         * Binds 127.0.0.1 and starts serving.
         *
         * @throws IllegalStateException if an access key names an account but no store was given
         * @throws UncheckedIOException if the port cannot be bound
         */
        public ReferenceAgent start() {
            Map<String, LandscapeApi.AccessKey> keys = new LinkedHashMap<>();
            for (Map.Entry<String, String> k : keySecrets.entrySet()) {
                ActivityService service = keyServices.get(k.getKey());
                if (service == null) {
                    ActivityStore s = store;
                    if (s == null) {
                        throw new IllegalStateException("access key " + k.getKey()
                                + " names an account, but no activityStore(store) was given");
                    }
                    service = s.forAccount(Objects.requireNonNull(keyAccounts.get(k.getKey())));
                }
                keys.put(k.getKey(), new LandscapeApi.AccessKey(k.getValue(), service));
            }
            LandscapeApi landscape = keys.isEmpty() ? null : new LandscapeApi(keys, clock, signatureWindow);
            TemboardApi temboard = null;
            BackendInspector i = inspector;
            if (i != null) {
                SecureRandom random = new SecureRandom();
                Users u = new Users(random);
                users.forEach(u::add);
                temboard = new TemboardApi(i, u, new Sessions(random, clock, sessionTimeout), loginDelay, sleeper);
            }
            if (System.getProperty(NODELAY) == null) {
                // Without TCP_NODELAY every answer waits ~40 ms for the client's delayed ACK. The JDK reads
                // the property once, when the first HttpServer of the JVM starts.
                System.setProperty(NODELAY, "true");
            }
            HttpServer server;
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            try {
                SSLContext context = tls;
                if (context == null) {
                    server = HttpServer.create(address, 0);
                } else {
                    HttpsServer https = HttpsServer.create(address, 0);
                    https.setHttpsConfigurator(new HttpsConfigurator(context));
                    server = https;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
            }
            ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
            server.setExecutor(executor);
            LandscapeApi l = landscape;
            TemboardApi t = temboard;
            server.createContext("/", exchange -> route(exchange, l, t));
            server.start();
            return new ReferenceAgent(server, executor);
        }

        private static void route(
                HttpExchange exchange, @Nullable LandscapeApi landscape, @Nullable TemboardApi temboard)
                throws IOException {
            String path = exchange.getRequestURI().getRawPath();
            if (landscape != null && path.equals(LANDSCAPE_PATH)) {
                landscape.handle(exchange);
            } else if (temboard != null && TemboardApi.serves(path)) {
                temboard.handle(exchange);
            } else {
                TemboardApi.notFound(exchange);
            }
        }

        private static ThreadFactory daemonThreads() {
            AtomicInteger count = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "reference-agent-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        private void putKey(String accessKeyId, String secretKey) {
            if (accessKeyId.isEmpty() || secretKey.isEmpty()) {
                throw new IllegalArgumentException("access key id and secret key must not be empty");
            }
            keySecrets.put(accessKeyId, secretKey);
            keyAccounts.remove(accessKeyId);
            keyServices.remove(accessKeyId);
        }

        private static Duration positive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
