package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.BackendInspector;
import org.jspecify.annotations.Nullable;

/**
 * activity4j's agent: an HTTP server (Jetty; on {@code 127.0.0.1} unless {@link Builder#bindAddress} says
 * otherwise) that serves
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
 *       {@code pg_blocking_pids()}); a pid {@code <= 0} is 406 {@code Parameter 'pids' is malformed.}, more
 *       than {@link #MAX_SIGNAL_PIDS} pids in one request is 400;
 *   <li>Landscape's legacy {@code ?action=} API at {@code /api/} ({@code GetActivities}, {@code
 *       GetActivityTypes}, {@code CancelActivities}, {@code ApproveActivities}, GET or POST form) over the
 *       account each access key maps to, with signature version 2 checked in constant time and the
 *       timestamp at most {@link Builder#signatureWindow} old and {@link Builder#futureSkew} ahead of the agent's
 *       clock; {@code CancelActivities} and {@code ApproveActivities} need their {@code query}; also at {@code
 *       /api}, in versions {@code 2011-08-01} and {@code 2013-11-04}, and with {@code Authorization: Bearer}
 *       instead of a signature;
 *   <li>Landscape's REST logins ({@code POST /api/v2/login/access-key} for the access keys, {@code POST
 *       /api/v2/login} for the {@link Builder#landscapeUser} people), which issue HS256 tokens signed with a
 *       random secret of the agent, and the REST reads {@code GET /api/v2/activities} and {@code
 *       /api/v2/activities/<id>}; every error under {@code /api} is {@code {"error", "message"}}.
 * </ul>
 *
 * <p>It speaks plain HTTP unless {@link Builder#https(SSLContext)} gives it a TLS key and certificate (the real
 * temBoard agent speaks HTTPS, usually with a self-signed certificate), and does not sleep on login unless
 * {@link Builder#loginDelay} says so (the real agent sleeps 1 s on every login to slow password guessing; the
 * default here is 0 so that tests stay fast). A POST body over {@link #MAX_REQUEST_BODY_BYTES} (1 MiB) is
 * refused with 413 and {@code Connection: close} before anything else is checked: at once when its {@code
 * Content-Length} says so, otherwise after reading one byte over the limit, never more. The server has the
 * limits a deployed server needs ({@link Builder#headerTimeout}, {@link Builder#idleTimeout}, {@link
 * Builder#maxThreads}, {@link Builder#maxHeaderBytes}, {@link Builder#maxHeaderCount}, {@link
 * Builder#acceptQueueSize}), answers the errors it raises itself in JSON, and sets no system property.
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
 * <p>Thread-safe; requests are served concurrently on a bounded pool of threads, so a slow answer (the login
 * delay, a slow inspector or store) never holds up the others; connections that wait hold no thread.
 */
public final class ReferenceAgent implements AutoCloseable {
    /** The path of the Landscape API. */
    public static final String LANDSCAPE_PATH = "/api/";

    /** How often expired sessions and old login failures are forgotten. */
    static final Duration HOUSEKEEPING = Duration.ofMinutes(1);

    /** The largest POST body the agent reads, 1 MiB; a larger one is answered 413. */
    public static final int MAX_REQUEST_BODY_BYTES = 1024 * 1024;

    /**
     * The most pids one {@code POST /activity/kill} or {@code /activity/cancel} may name, 262,143; a request
     * with more is answered 400 with the count and the cap. It is PostgreSQL's {@code MAX_BACKENDS} (2^18 - 1):
     * {@code max_connections} can be at most that, and the server refuses to start unless its backends of every
     * kind ({@code max_connections}, autovacuum workers, background workers, WAL senders) together stay below
     * it. So a request that names each backend of any server once always fits, and a longer one necessarily
     * repeats pids or names processes that are not backends; within the cap the inspector signals the whole
     * list in one statement.
     */
    public static final int MAX_SIGNAL_PIDS = 262_143;

    /** The shortest secret {@link Builder#landscapeTokenSecret(byte[])} takes: 32 bytes, SHA-256's length. */
    public static final int MIN_TOKEN_SECRET_BYTES = 32;

    private final AgentServer server;
    private final URI uri;

    private ReferenceAgent(AgentServer server) {
        this.server = server;
        InetSocketAddress bound = server.address();
        String host = bound.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        this.uri = URI.create((server.https() ? "https" : "http") + "://" + host + ":" + bound.getPort() + "/");
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

    /**
     * Stops gracefully: stops accepting connections, lets the requests in flight finish for up to {@code
     * grace}, then closes every connection. The runnable agent calls it on {@code SIGTERM}.
     */
    public void stop(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        server.stop(grace);
    }

    /** Stops serving at once, closing the connections of requests in flight. */
    @Override
    public void close() {
        server.stop(Duration.ZERO);
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
        private int maxThreads = 32;
        private int maxQueuedRequests = 256;
        private int acceptQueueSize = 256;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration headerTimeout = Duration.ofSeconds(10);
        private int maxHeaderBytes = 8 * 1024;
        private int maxHeaderCount = 100;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Clock clock = Clock.systemUTC();
        private @Nullable BackendInspector inspector;
        private final Map<String, PasswordHash> users = new LinkedHashMap<>();
        private Duration sessionTimeout = Duration.ofSeconds(3600);
        private Duration sessionLifetime = Duration.ofHours(8);
        private Duration maxLockout = Duration.ofMinutes(15);
        private Duration loginDelay = Duration.ZERO;
        private Sleeper sleeper = Sleeper.THREAD;
        private @Nullable SSLContext tls;
        private @Nullable ActivityStore store;
        private final Map<String, String> keySecrets = new LinkedHashMap<>();
        private final Map<String, String> keyAccounts = new LinkedHashMap<>();
        private final Map<String, ActivityService> keyServices = new LinkedHashMap<>();
        private final Map<String, PendingUser> landscapeUsers = new LinkedHashMap<>();

        /** A {@link #landscapeUser} before its account's service is known. */
        private record PendingUser(PasswordHash password, String account) {}

        private byte @Nullable [] tokenSecret;

        private Duration signatureWindow = Duration.ofMinutes(15);
        private Duration futureSkew = Duration.ofMinutes(2);
        private int rememberedSignatures = 100_000;
        private @Nullable PublicKey signingKey;
        private final Map<String, PublicKey> userSigningKeys = new LinkedHashMap<>();

        private Builder() {}

        /**
         * The address to listen on (default the loopback address, 127.0.0.1). Listening on another address
         * exposes the agent to that network: give it {@link #https(SSLContext)} too.
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The TCP port; 0 (the default) picks a free one, see {@link ReferenceAgent#uri()}. */
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

        /**
         * Serves the temBoard API over this inspector; without one, its routes answer 404. The signed API's
         * answers that carry no OS figures ({@code /activity/sessions}, {@code /activity/locks}) are read from its
         * {@link BackendInspector#withoutProcessStats()} view, taken once when the agent starts.
         */
        public Builder backendInspector(BackendInspector inspector) {
            this.inspector = Objects.requireNonNull(inspector, "inspector");
            return this;
        }

        /**
         * A temBoard user. The name must match {@code ^[a-z0-9]{3,16}$} and the password {@code ^.{5,32}$},
         * as the agent's login checks them; the password is kept only as a salted hash.
         */
        public Builder user(String username, String password) {
            checkUsername(username);
            if (password.length() < 5 || password.length() > 32) {
                throw new IllegalArgumentException("a password is 5 to 32 characters long");
            }
            users.put(username, PasswordHash.of(password));
            return this;
        }

        /**
         * A temBoard user known by the hash of its password (a line of a users file, see {@link
         * PasswordHash}). The name must match {@code ^[a-z0-9]{3,16}$}.
         */
        public Builder userWithHash(String username, PasswordHash hash) {
            checkUsername(username);
            users.put(username, Objects.requireNonNull(hash, "hash"));
            return this;
        }

        private static void checkUsername(String username) {
            if (!username.matches("[a-z0-9]{3,16}")) {
                throw new IllegalArgumentException("a user name is 3 to 16 of a-z and 0-9: " + username);
            }
        }

        /** How long a session lives without use (default 3600 s, as temBoard's). */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = positive(timeout, "sessionTimeout");
            return this;
        }

        /**
         * How long a session lives at most, however much it is used (default 8 h): then its user logs in again.
         * Expired sessions are dropped every minute.
         */
        public Builder sessionLifetime(Duration lifetime) {
            this.sessionLifetime = positive(lifetime, "sessionLifetime");
            return this;
        }

        /**
         * The longest lockout after failed logins (default 15 min). After five failures in a row for a user
         * name or from a client address, each further one locks that name or address out for twice as long
         * as the one before (1 s, 2 s, 4 s, ...) up to this; a locked-out login is answered as a wrong password
         * is, and the lockout is logged. A count is forgotten this long after its last failure.
         */
        public Builder maxLockout(Duration maxLockout) {
            this.maxLockout = positive(maxLockout, "maxLockout");
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

        /**
         * A Landscape person who logs in with {@code POST /api/v2/login} (email and password, the password kept
         * only as a salted hash) and sees {@code account} of the {@link #activityStore(ActivityStore)} with the
         * token it gets. Access keys log in too ({@code POST /api/v2/login/access-key}), with their secret.
         */
        public Builder landscapeUser(String email, String password, String account) {
            if (email.isEmpty() || password.isEmpty()) {
                throw new IllegalArgumentException("email and password must not be empty");
            }
            landscapeUsers.put(
                    email, new PendingUser(PasswordHash.of(password), Objects.requireNonNull(account, "account")));
            return this;
        }

        /**
         * As {@link #landscapeUser(String, String, String)}, with the password already hashed (as the runnable
         * agent's {@code landscape.users} file keeps it).
         */
        public Builder landscapeUserWithHash(String email, PasswordHash password, String account) {
            if (email.isEmpty()) {
                throw new IllegalArgumentException("email must not be empty");
            }
            landscapeUsers.put(
                    email,
                    new PendingUser(
                            Objects.requireNonNull(password, "password"), Objects.requireNonNull(account, "account")));
            return this;
        }

        /**
         * The HS256 secret that signs and checks the Landscape login tokens (at least 32 bytes). Without one the
         * agent draws a random secret at start, so every token ends when the agent restarts; give the same secret
         * to agents that must accept each other's tokens, or that restart while clients hold tokens.
         *
         * <pre>{@code
         * ReferenceAgent.builder().landscapeTokenSecret(secret.getBytes(StandardCharsets.UTF_8))
         * }</pre>
         *
         * @throws IllegalArgumentException if the secret is shorter than 32 bytes
         */
        public Builder landscapeTokenSecret(byte[] secret) {
            if (secret.length < MIN_TOKEN_SECRET_BYTES) {
                throw new IllegalArgumentException("a token secret is at least " + MIN_TOKEN_SECRET_BYTES
                        + " bytes (HS256 keys shorter than the hash are weak); got " + secret.length);
            }
            this.tokenSecret = secret.clone();
            return this;
        }

        /** A Landscape access key that sees {@code service}. */
        public Builder accessKey(String accessKeyId, String secretKey, ActivityService service) {
            putKey(accessKeyId, secretKey);
            keyServices.put(accessKeyId, Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * Serves the signed API of temBoard agents 8.0 and later under {@code /activity} (with {@link
         * #backendInspector}), trusting requests that {@code key}'s private key signed, for any user name, as the
         * real agent trusts temBoard's UI. Requests are refused when their date is more than 2 hours old or more
         * than {@link #futureSkew} ahead; a signed {@code POST} is accepted once.
         *
         * @throws IllegalArgumentException if the key is not an RSA public key
         */
        public Builder temboardSigningKey(PublicKey key) {
            this.signingKey = rsa(key);
            return this;
        }

        /**
         * As {@link #temboardSigningKey(PublicKey)}, for requests whose {@code X-TemBoard-User} is {@code user}
         * only: that user's requests are checked with this key (and no other).
         */
        public Builder temboardSigningKey(String user, PublicKey key) {
            Objects.requireNonNull(user, "user");
            if (user.isEmpty()) {
                throw new IllegalArgumentException("user must not be empty");
            }
            userSigningKeys.put(user, rsa(key));
            return this;
        }

        private static PublicKey rsa(PublicKey key) {
            Objects.requireNonNull(key, "key");
            if (!(key instanceof java.security.interfaces.RSAPublicKey)) {
                throw new IllegalArgumentException("temBoard signatures are RSA; not a " + key.getAlgorithm() + " key");
            }
            return key;
        }

        /**
         * How long before the agent's clock a request's {@code timestamp} may be (default 15 min); see also
         * {@link #futureSkew}.
         */
        public Builder signatureWindow(Duration window) {
            this.signatureWindow = positive(window, "signatureWindow");
            return this;
        }

        /**
         * How far ahead of the agent's clock a request's {@code timestamp} may be (default 2 min): a little
         * for clock skew, not the whole {@link #signatureWindow}, so that a captured request does not stay
         * valid for twice the window. Capped at the window.
         */
        public Builder futureSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("futureSkew must not be negative: " + skew);
            }
            this.futureSkew = skew;
            return this;
        }

        /**
         * How many signatures of accepted {@code CancelActivities} and {@code ApproveActivities} requests the
         * agent remembers (default 100,000), each until its timestamp leaves the {@link #signatureWindow}, to
         * refuse a repeat of one ({@code 401 AuthFailure}). When that many are remembered and none expired, a
         * new change is answered {@code 503} rather than let through unremembered.
         */
        public Builder rememberedSignatures(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("rememberedSignatures must be 1 or more: " + count);
            }
            this.rememberedSignatures = count;
            return this;
        }

        /**
         * The size of the bounded pool of threads (default 32); three of them accept, select and admit new
         * requests, the others serve one request each. Connections waiting for their next request hold no thread, so thousands of
         * slow or idle clients never make thousands of threads.
         */
        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 8 || maxThreads > 10_000) {
                throw new IllegalArgumentException("maxThreads must be 8 to 10000: " + maxThreads);
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /**
         * How many requests may wait for a thread of the pool (default 256), each for 30 s at most; beyond
         * that they are answered {@code 503}.
         */
        public Builder maxQueuedRequests(int maxQueuedRequests) {
            if (maxQueuedRequests < 1 || maxQueuedRequests > 1_000_000) {
                throw new IllegalArgumentException("maxQueuedRequests must be 1 to 1000000: " + maxQueuedRequests);
            }
            this.maxQueuedRequests = maxQueuedRequests;
            return this;
        }

        /** The listen backlog: connections the kernel queues before the agent accepts them (default 256). */
        public Builder acceptQueueSize(int acceptQueueSize) {
            if (acceptQueueSize < 1 || acceptQueueSize > 65_535) {
                throw new IllegalArgumentException("acceptQueueSize must be 1 to 65535: " + acceptQueueSize);
            }
            this.acceptQueueSize = acceptQueueSize;
            return this;
        }

        /** How long a connection may send and receive nothing before it is closed (default 30 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * How long a client has to send a whole request header (default 10 s), counted from the connection's
         * opening (TLS handshake included) for its first request and from the previous answer plus the
         * {@link #idleTimeout} for later ones. A client that sends one byte a second is answered {@code 408}
         * and closed when it runs out.
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = positive(timeout, "headerTimeout");
            return this;
        }

        /**
         * The largest request line and header, in bytes (default 8 KiB); a larger one is answered {@code 431}.
         */
        public Builder maxHeaderBytes(int maxHeaderBytes) {
            if (maxHeaderBytes < 1024 || maxHeaderBytes > 64 * 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be 1024 to 65536: " + maxHeaderBytes);
            }
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        /** The most header fields a request may have (default 100); more are answered {@code 431}. */
        public Builder maxHeaderCount(int maxHeaderCount) {
            if (maxHeaderCount < 10 || maxHeaderCount > 10_000) {
                throw new IllegalArgumentException("maxHeaderCount must be 10 to 10000: " + maxHeaderCount);
            }
            this.maxHeaderCount = maxHeaderCount;
            return this;
        }

        /**
         * Binds the {@link #bindAddress} and starts serving.
         *
         * @throws IllegalStateException if an access key names an account but no store was given
         * @throws UncheckedIOException if the port cannot be bound
         */
        public ReferenceAgent start() {
            Map<String, LandscapeAuth.AccessKey> keys = new LinkedHashMap<>();
            for (Map.Entry<String, String> k : keySecrets.entrySet()) {
                ActivityService service = keyServices.get(k.getKey());
                String account = keyAccounts.getOrDefault(k.getKey(), ActivityStores.DEFAULT_ACCOUNT);
                if (service == null) {
                    ActivityStore s = store;
                    if (s == null) {
                        throw new IllegalStateException("access key " + k.getKey()
                                + " names an account, but no activityStore(store) was given");
                    }
                    service = s.forAccount(Objects.requireNonNull(keyAccounts.get(k.getKey())));
                }
                keys.put(k.getKey(), new LandscapeAuth.AccessKey(k.getValue(), service, account));
            }
            Map<String, LandscapeAuth.User> people = new LinkedHashMap<>();
            for (Map.Entry<String, PendingUser> u : landscapeUsers.entrySet()) {
                ActivityStore s = store;
                if (s == null) {
                    throw new IllegalStateException("Landscape user " + u.getKey()
                            + " names an account, but no activityStore(store) was given");
                }
                PendingUser user = u.getValue();
                people.put(
                        u.getKey(),
                        new LandscapeAuth.User(user.password(), user.account(), s.forAccount(user.account())));
            }
            byte[] tokenSecret = this.tokenSecret;
            if (tokenSecret == null) {
                tokenSecret = new byte[MIN_TOKEN_SECRET_BYTES];
                new SecureRandom().nextBytes(tokenSecret);
            }
            LandscapeAuth auth =
                    new LandscapeAuth(keys, people, tokenSecret, clock, new LoginThrottle(clock, maxLockout));
            Duration skew = futureSkew.compareTo(signatureWindow) > 0 ? signatureWindow : futureSkew;
            boolean serveLandscape = !keys.isEmpty() || !people.isEmpty();
            LandscapeApi landscape =
                    serveLandscape ? new LandscapeApi(auth, clock, signatureWindow, skew, rememberedSignatures) : null;
            LandscapeRestApi rest = serveLandscape ? new LandscapeRestApi(auth) : null;
            TemboardApi temboard = null;
            Sessions sessions = null;
            LoginThrottle throttle = null;
            BackendInspector i = inspector;
            if (i != null) {
                SecureRandom random = new SecureRandom();
                Users u = new Users();
                users.forEach(u::add);
                sessions = new Sessions(random, clock, sessionTimeout, sessionLifetime);
                throttle = new LoginThrottle(clock, maxLockout);
                temboard = new TemboardApi(i, u, sessions, loginDelay, sleeper, throttle);
            }
            TemboardSignedApi signed = null;
            if (i != null && (signingKey != null || !userSigningKeys.isEmpty())) {
                signed = new TemboardSignedApi(i, signingKey, userSigningKeys, clock, futureSkew, rememberedSignatures);
            }
            TemboardSignedApi sg = signed;
            boolean oldApi = i != null && (!users.isEmpty() || sg == null);
            LandscapeApi l = landscape;
            TemboardApi t = temboard;
            AgentServer.Limits limits = new AgentServer.Limits(
                    maxThreads,
                    maxQueuedRequests,
                    acceptQueueSize,
                    idleTimeout,
                    headerTimeout,
                    maxHeaderBytes,
                    maxHeaderCount);
            Sessions openSessions = sessions;
            LoginThrottle logins = throttle;
            Runnable housekeeping = () -> {
                if (openSessions != null) {
                    openSessions.forgetExpired();
                }
                if (logins != null) {
                    logins.forgetOld();
                }
                auth.forgetOldFailures();
            };
            try {
                AgentServer server = AgentServer.start(
                        bindAddress, port, tls, limits, exchange -> route(exchange, l, rest, oldApi ? t : null, sg));
                server.every(HOUSEKEEPING, housekeeping);
                return new ReferenceAgent(server);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bindAddress.getHostAddress() + ":" + port, e);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "cannot start the agent on " + bindAddress.getHostAddress() + ":" + port, e);
            }
        }

        private static void route(
                HttpExchange exchange,
                @Nullable LandscapeApi landscape,
                @Nullable LandscapeRestApi rest,
                @Nullable TemboardApi temboard,
                @Nullable TemboardSignedApi signed)
                throws IOException {
            String path = exchange.getRequestURI().getRawPath();
            if (LandscapePaths.isLandscape(path)) {
                if (landscape != null && LandscapePaths.isLegacy(path)) {
                    landscape.handle(exchange);
                } else if (rest != null && path.startsWith(LANDSCAPE_PATH + "v2/")) {
                    rest.handle(exchange);
                } else {
                    LandscapePaths.notFound(exchange);
                }
            } else if (signed != null
                    && TemboardSignedApi.serves(path)
                    && (temboard == null || exchange.getRequestHeaders().getFirst("X-Session") == null)) {
                signed.handle(exchange);
            } else if (temboard != null && TemboardApi.serves(path)) {
                temboard.handle(exchange);
            } else {
                TemboardApi.notFound(exchange);
            }
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
