package org.activity4j.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.activity4j.client.internal.ErrorBodies;
import org.activity4j.client.internal.HttpOptions;
import org.activity4j.client.internal.HttpTransport;
import org.activity4j.client.internal.ProcessCounters;
import org.activity4j.client.internal.RemoteErrors;
import org.activity4j.client.internal.RemoteLockTree;
import org.activity4j.client.internal.TemboardRows;
import org.activity4j.client.internal.TemboardSignedRows;
import org.activity4j.client.internal.WithoutFiguresView;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardLockRow;
import org.activity4j.client.wire.TemboardLocksRow;
import org.activity4j.client.wire.TemboardSessionRow;
import org.activity4j.client.wire.TemboardSessionsCodec;
import org.activity4j.client.wire.TemboardSignature;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.RemoteApiException;
import org.activity4j.core.RemoteAuthenticationException;
import org.activity4j.core.SignalResult;
import org.activity4j.core.UnsupportedRemoteOperationException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BackendInspector} that asks a temBoard agent 8.0 or later (through 10.x) over its signed API, as
 * temBoard's UI does: every request carries {@code X-TemBoard-Date}, {@code X-TemBoard-Request-Id} (a random
 * UUID), {@code X-TemBoard-User} and {@code X-TemBoard-Signature: v1:...}, an RSA-PSS signature by the caller's
 * private key ({@link TemboardSignature}); the agent holds the matching public key. There is no login and no
 * session.
 *
 * <pre>{@code
 * try (TemboardSignedClient agent = TemboardSignedClient.builder(URI.create("https://db1:2345"))
 *         .signWith("alice", privateKey)          // the RSA key whose public half the agent trusts
 *         .sslContext(contextTrustingTheAgentsCertificate)
 *         .build()) {
 *     agent.activity().forEach(b -> System.out.println(b.pid() + " since " + b.backendStart().orElse(null)));
 * }
 * }</pre>
 *
 * <p>What each method asks, every GET with {@code ?limit=} ({@link Builder#limit}, default 300, the agent's):
 *
 * <ul>
 *   <li>{@link #activity()}: {@code /activity/sessions} (every client backend, also the ones that never ran a
 *       query, with backend and query start, application name and raw {@code /proc} counters), {@code /activity}
 *       (the agent's memory figure, percent of the host's memory) and, when a backend waits, {@code
 *       /activity/locks} (its exact blockers). CPU and I/O rates are derived from the counters between this call
 *       and the previous one: on the first call that sees a backend they are empty. When the agent cannot read
 *       the counters (null on the wire), the figures of {@code /activity} are used. A session the agent lists
 *       once per blocker is one backend. Longest-running first, never-queried last.
 *   <li>{@link #withoutProcessStats()}{@code .activity()}: {@code /activity/sessions} and, when a backend waits,
 *       {@code /activity/locks}, without {@code /activity}: the same backends with their OS figures unknown, one
 *       request fewer.
 *   <li>{@link #waiting()}: {@code /activity/waiting} with the exact blockers and the wait start of {@code
 *       /activity/locks}.
 *   <li>{@link #blocking()}: {@code /activity/blocking}, {@code /activity/waiting} and {@code /activity/locks}:
 *       a blocking row counts for the waiters that its pid exactly blocks (the agent's own list ignores lock
 *       modes), once per lock; a blocker queued ahead of a waiter is {@link LockHolder.Kind#QUEUED_AHEAD}.
 *       Prepared transactions that block are listed when the agent sends them ({@code prepared_rows}, as
 *       activity4j's reference agent does; the real agent does not).
 *   <li>{@link #terminate}: {@code POST /activity/kill}; {@link #cancel}: {@code POST /activity/cancel}, which only
 *       activity4j's reference agent has; against the real agent it fails with {@link
 *       UnsupportedRemoteOperationException}.
 * </ul>
 *
 * <p>What the wire cannot say stays empty: the real agent sends no backend type, transaction start, wait event,
 * leader pid or query id, no transaction ids, and nothing about the prepared transactions that block a backend
 * (a blocker pid 0 is left out). activity4j's reference agent sends those as extension members, which are read.
 *
 * <p>Thread-safe; clients with the same {@code sslContext} (or none) and connect timeout share one JDK {@code
 * HttpClient}. Failures: {@link BackendUnavailableException} when the agent cannot be reached or answers 5xx,
 * {@link RemoteAuthenticationException} when it refuses the signature (403 {@code Invalid signature}) or the
 * request's date (400 {@code Request older than 2 hours.}: the clocks disagree), {@link RemoteApiException} for
 * any other error status, {@link org.activity4j.core.WireFormatException} for a malformed body. Only GET
 * requests are retried (with the same signature, which stays valid for two hours).
 */
public final class TemboardSignedClient implements BackendInspector, AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final URI base;
    private final String user;
    private final PrivateKey key;
    private final int limit;
    private final Clock clock;
    private final HttpTransport http;
    private final ProcessCounters counters;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BackendInspector withoutFigures =
            new WithoutFiguresView(this, this::activityWithoutFiguresAsync, this::waitingAsync, this::blockingAsync);

    private TemboardSignedClient(Builder b, String user, PrivateKey key) {
        this.base = b.uri;
        this.user = user;
        this.key = key;
        this.limit = b.limit;
        this.clock = b.http.clock();
        this.http = b.http.transport(MAX_BODY_BYTES, "temBoard agent " + b.uri);
        this.counters = new ProcessCounters(b.ticksPerSecond);
    }

    /**
     * A builder for a client of the agent at {@code uri}: {@code https://host:port}, or a proxy path the agent is
     * behind (kept: routes resolve under it).
     *
     * @throws IllegalArgumentException if {@code uri} is not an {@code http} or {@code https} URI with a host,
     *     or has a query or a fragment
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    @Override
    public List<Backend> activity() {
        return HttpTransport.join(activityAsync());
    }

    /** {@link #activity()}, asynchronously. */
    public CompletableFuture<List<Backend>> activityAsync() {
        return get("activity/sessions", TemboardSessionsCodec::decodeSessions).thenCompose(raw -> {
            long sampled = System.nanoTime();
            List<TemboardSessionRow> sessions = TemboardSignedRows.distinct(raw);
            CompletableFuture<List<TemboardActivityRow>> activity = get("activity", TemboardCodec::decodeActivity);
            CompletableFuture<List<TemboardLocksRow>> locks = TemboardSignedRows.needLocks(sessions)
                    ? activity.thenCompose(ignored -> get("activity/locks", TemboardSessionsCodec::decodeLocks))
                    : CompletableFuture.completedFuture(List.of());
            return activity.thenCombine(
                    locks,
                    (rows, lockRows) -> TemboardSignedRows.backends(
                            sessions, rows, TemboardSignedRows.blockers(lockRows), counters.update(sessions, sampled)));
        });
    }

    /**
     * This client without OS figures: its {@code activity()} asks {@code /activity/sessions} and, when a backend
     * waits on a lock, {@code /activity/locks}, but not {@code /activity} (which the agent answers with every
     * backend's figures), and gives the same backends with {@link Backend#processStats()} unknown. It leaves
     * this client's counters alone: the CPU and I/O rates of this client's next {@link #activity()} are still
     * taken from its own previous call. Its {@code waiting()}, {@code blocking()} and {@code lockTree()} ask what
     * this client's do and leave out the figures of the lock rows; its signals are this client's. The view is
     * closed with this client.
     *
     * <pre>{@code
     * BackendInspector plain = agent.withoutProcessStats();   // once; as thread-safe as the client
     * plain.activity().forEach(b -> System.out.println(b.pid() + " " + b.state().orElse("")));
     * }</pre>
     */
    @Override
    public BackendInspector withoutProcessStats() {
        return withoutFigures;
    }

    /** The sessions and their blockers, without {@code /activity} or the counters; the view drops what is left. */
    private CompletableFuture<List<Backend>> activityWithoutFiguresAsync() {
        return get("activity/sessions", TemboardSessionsCodec::decodeSessions).thenCompose(raw -> {
            List<TemboardSessionRow> sessions = TemboardSignedRows.distinct(raw);
            CompletableFuture<List<TemboardLocksRow>> locks = TemboardSignedRows.needLocks(sessions)
                    ? get("activity/locks", TemboardSessionsCodec::decodeLocks)
                    : CompletableFuture.completedFuture(List.of());
            return locks.thenApply(lockRows ->
                    TemboardSignedRows.backends(sessions, List.of(), TemboardSignedRows.blockers(lockRows), Map.of()));
        });
    }

    @Override
    public List<LockWait> waiting() {
        return HttpTransport.join(waitingAsync());
    }

    /** {@link #waiting()}, asynchronously. */
    public CompletableFuture<List<LockWait>> waitingAsync() {
        return get("activity/waiting", TemboardCodec::decodeLocks).thenCompose(waiting -> {
            if (!TemboardSignedRows.needLocksForWaits(waiting)) {
                return CompletableFuture.completedFuture(TemboardSignedRows.waits(waiting, List.of()));
            }
            return get("activity/locks", TemboardSessionsCodec::decodeLocks)
                    .thenApply(locks -> TemboardSignedRows.waits(waiting, locks));
        });
    }

    @Override
    public List<LockHolder> blocking() {
        return HttpTransport.join(blockingAsync());
    }

    /** {@link #blocking()}, asynchronously. */
    public CompletableFuture<List<LockHolder>> blockingAsync() {
        return get("activity/blocking", TemboardCodec::decodeBlocking).thenCompose(answer -> {
            List<TemboardLockRow> blocking = answer.rows();
            if (TemboardSignedRows.holdersComplete(blocking)) {
                return CompletableFuture.completedFuture(
                        TemboardRows.withPrepared(TemboardSignedRows.holders(blocking, List.of(), List.of()), answer));
            }
            return get("activity/waiting", TemboardCodec::decodeLocks)
                    .thenCompose(waiting -> get("activity/locks", TemboardSessionsCodec::decodeLocks)
                            .thenApply(locks -> TemboardRows.withPrepared(
                                    TemboardSignedRows.holders(blocking, waiting, locks), answer)));
        });
    }

    /** The lock forest of {@link #waiting()} and {@link #blocking()}, as {@link LockTreeNode#from(List)} builds it. */
    @Override
    public List<LockTreeNode> lockTree() {
        return HttpTransport.join(lockTreeAsync());
    }

    /** {@link #lockTree()}, asynchronously. */
    public CompletableFuture<List<LockTreeNode>> lockTreeAsync() {
        return waitingAsync().thenCombine(blockingAsync(), RemoteLockTree::from);
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return HttpTransport.join(terminateAsync(pids));
    }

    /** {@link #terminate(List)}, asynchronously; the pids are checked before anything is sent. */
    public CompletableFuture<List<SignalResult>> terminateAsync(List<Integer> pids) {
        List<Integer> checked = checkPids(pids);
        if (checked.isEmpty() && !closed.get()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return post("activity/kill", TemboardCodec.encodeKillRequest(checked), TemboardCodec::decodeKillResponse);
    }

    /**
     * Cancels the pids' queries through the reference agent's {@code POST /activity/cancel}.
     *
     * @throws UnsupportedRemoteOperationException when the agent has no such route (the real temBoard agent)
     */
    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return HttpTransport.join(cancelAsync(pids));
    }

    /** {@link #cancel(List)}, asynchronously. */
    public CompletableFuture<List<SignalResult>> cancelAsync(List<Integer> pids) {
        List<Integer> checked = checkPids(pids);
        if (checked.isEmpty() && !closed.get()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return post("activity/cancel", TemboardCodec.encodeKillRequest(checked), TemboardCodec::decodeKillResponse)
                .exceptionally(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof RemoteApiException r && r.httpStatus() == 404) {
                        throw new UnsupportedRemoteOperationException(
                                "cancel",
                                "the agent at " + base + " cannot cancel queries (no POST /activity/cancel); "
                                        + "the temBoard agent can only terminate backends",
                                cause);
                    }
                    throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
                });
    }

    /** Refuses every later call with an {@link IllegalStateException}; there is no session to end. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "TemboardSignedClient[" + base + ", user " + user + "]";
    }

    private <T> CompletableFuture<T> get(String route, Function<String, T> decode) {
        return call("GET", base.resolve(route + "?limit=" + limit), new byte[0], true, decode);
    }

    private <T> CompletableFuture<T> post(String route, String json, Function<String, T> decode) {
        return call("POST", base.resolve(route), json.getBytes(StandardCharsets.UTF_8), false, decode);
    }

    private <T> CompletableFuture<T> call(
            String method, URI uri, byte[] body, boolean idempotent, Function<String, T> decode) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("this TemboardSignedClient of " + base + " is closed"));
        }
        HttpRequest request;
        try {
            request = signed(method, uri, body);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.send(request, idempotent).thenApply(r -> {
            if (r.status() >= 200 && r.status() < 300) {
                return decode.apply(r.body());
            }
            String message = ErrorBodies.temboardMessage(r.body());
            if (r.status() == 403 || (r.status() == 400 && refusedSignature(message))) {
                throw new RemoteAuthenticationException(r.status(), "", message);
            }
            RemoteApiException error = new RemoteApiException(RemoteErrors.status(r.status()), "", message);
            throw RemoteErrors.unavailableIfServerError(error, "the temBoard agent at " + base);
        });
    }

    /** The agent's 400 answers about the signature or its date (as opposed to a malformed parameter). */
    private static boolean refusedSignature(String message) {
        return message.startsWith("Missing X-TemBoard-")
                || message.startsWith("Request older than")
                || message.startsWith("Unsupported signature")
                || message.startsWith("Malformed signature")
                || message.startsWith("Missing headers for request signing")
                || message.startsWith("Missing username");
    }

    private HttpRequest signed(String method, URI uri, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", hostHeader(uri));
        headers.put(TemboardSignature.DATE, TemboardSignature.formatDate(clock.instant()));
        headers.put(TemboardSignature.REQUEST_ID, UUID.randomUUID().toString());
        headers.put(TemboardSignature.USER, user);
        if (method.equals("POST")) {
            headers.put("Content-Type", "application/json");
            headers.put("Content-Length", Integer.toString(body.length));
        }
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] canonical = TemboardSignature.canonicalRequest(method, target, headers, body);
        String signature = TemboardSignature.VERSION_PREFIX + TemboardSignature.sign(key, canonical);
        HttpRequest.Builder b = http.request(uri)
                .header(TemboardSignature.DATE, headers.get(TemboardSignature.DATE))
                .header(TemboardSignature.REQUEST_ID, headers.get(TemboardSignature.REQUEST_ID))
                .header(TemboardSignature.USER, user)
                .header(TemboardSignature.SIGNATURE, signature);
        if (method.equals("POST")) {
            // The JDK sends Host and Content-Length itself, with the values signed here.
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.GET();
        }
        return b.build();
    }

    /** The {@code Host} header the JDK's HttpClient sends: the host as written, {@code :port} unless default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (uri.getScheme().equals("https") ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static List<Integer> checkPids(List<Integer> pids) {
        List<Integer> copy = List.copyOf(pids);
        for (int pid : copy) {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be > 0: " + pid);
            }
        }
        return copy;
    }

    /**
     * Options of a {@link TemboardSignedClient}.
     *
     * <pre>{@code
     * TemboardSignedClient.builder(uri).signWith("alice", privateKey).limit(1000).build();
     * }</pre>
     *
     * <p>Not thread-safe; the client it builds is.
     */
    public static final class Builder {
        private final URI uri;
        private @Nullable String user;
        private @Nullable PrivateKey key;
        private int limit = 300;
        private int ticksPerSecond = 100;
        private final HttpOptions http = new HttpOptions();

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!HttpOptions.isHttpWithHost(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "expected an http or https URI with a host and no query or fragment: " + uri);
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            this.uri = path.endsWith("/") ? uri : URI.create(uri + "/");
        }

        /**
         * The user name sent in {@code X-TemBoard-User} and the RSA private key that signs (required); temBoard's
         * UI signs with its own key on behalf of its logged-in users.
         *
         * @throws IllegalArgumentException if the user name is empty or the key is not an RSA key
         */
        public Builder signWith(String user, PrivateKey key) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(key, "key");
            if (user.isEmpty() || user.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                throw new IllegalArgumentException("user must be non-empty text without control characters: " + user);
            }
            if (!(key instanceof RSAKey)) {
                throw new IllegalArgumentException("temBoard signs with RSA keys; not " + key.getAlgorithm());
            }
            this.user = user;
            this.key = key;
            return this;
        }

        /** The {@code limit} of every listing, 1 to 100000 (default 300, the agent's). */
        public Builder limit(int limit) {
            if (limit < 1 || limit > 100_000) {
                throw new IllegalArgumentException("limit must be 1 to 100000: " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Clock ticks per second of the agent host's {@code /proc} CPU times (default 100, Linux's {@code USER_HZ}
         * on every common architecture).
         */
        public Builder clockTicksPerSecond(int ticks) {
            if (ticks <= 0) {
                throw new IllegalArgumentException("clock ticks per second must be > 0: " + ticks);
            }
            this.ticksPerSecond = ticks;
            return this;
        }

        /** The TLS context for {@code https}, e.g. one that trusts the agent's self-signed certificate. */
        public Builder sslContext(SSLContext sslContext) {
            http.sslContext(sslContext);
            return this;
        }

        /** How long to wait for a connection (default 5 s). */
        public Builder connectTimeout(Duration timeout) {
            http.connectTimeout(timeout);
            return this;
        }

        /**
         * How long a call may take in all (default 30 s): connecting, the TLS handshake, the answers' headers
         * and bodies (a call may send up to three requests, see the class comment), and any retries. Past it
         * the call fails with a {@link org.activity4j.core.RemoteTimeoutException} naming it, however slowly the
         * server trickles its body.
         */
        public Builder requestTimeout(Duration timeout) {
            http.requestTimeout(timeout);
            return this;
        }

        /**
         * The JDK {@code HttpClient} to send with, e.g. one of the service's own with its proxy, TLS, HTTP
         * version and executor (default: one shared by the clients built with the same {@code sslContext} and
         * connect timeout, HTTP/1.1, no redirects). Its {@code sslContext} and connect timeout then apply: giving
         * this and {@link #sslContext} or {@link #connectTimeout} fails {@code build()}. The client never
         * closes it.
         *
         * <pre>{@code
         * HttpClient mine = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
         * TemboardSignedClient.builder(uri).signWith("alice", key).httpClient(mine).build();
         * }</pre>
         */
        public Builder httpClient(HttpClient client) {
            http.httpClient(client);
            return this;
        }

        /**
         * Where the client reads and decodes answers, runs the continuations of its {@code ...Async} futures
         * and schedules retries, e.g. a service's bounded pool, or virtual threads on Java 21. The client never
         * shuts it down. Without one, the client makes a pool of {@value
         * org.activity4j.client.internal.HttpOptions#OWN_POOL_THREADS} daemon threads of its own, which {@code
         * close()} shuts down. Waiting for an answer holds no thread in either case.
         *
         * <pre>{@code
         * ExecutorService pool = Executors.newFixedThreadPool(8);
         * TemboardSignedClient.builder(uri).signWith("alice", key).executor(pool).build();
         * }</pre>
         */
        public Builder executor(Executor executor) {
            http.executor(executor);
            return this;
        }

        /**
         * The largest answer body accepted (default 64 MiB); a larger one fails the call with a {@link
         * BackendUnavailableException} that says so, before it can fill the heap.
         */
        public Builder maxResponseBytes(long max) {
            http.maxResponseBytes(max);
            return this;
        }

        /** How often to retry a failed GET (default 2), waiting {@code backoff}, then twice that, and so on. */
        public Builder retries(int retries, Duration backoff) {
            http.retries(retries, backoff);
            return this;
        }

        /** The clock that dates requests (default the system's, UTC). */
        public Builder clock(Clock clock) {
            http.clock(clock);
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException if {@link #signWith} was not called
         */
        public TemboardSignedClient build() {
            String u = user;
            PrivateKey k = key;
            if (u == null || k == null) {
                throw new IllegalStateException("signWith(user, privateKey) is required");
            }
            return new TemboardSignedClient(this, u, k);
        }
    }
}
