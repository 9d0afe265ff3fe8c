package org.activity4j.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.activity4j.client.internal.ErrorBodies;
import org.activity4j.client.internal.HttpOptions;
import org.activity4j.client.internal.HttpTransport;
import org.activity4j.client.internal.RemoteErrors;
import org.activity4j.client.internal.RemoteLockTree;
import org.activity4j.client.internal.TemboardRows;
import org.activity4j.client.internal.WithoutFiguresView;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardLockRow;
import org.activity4j.client.wire.TemboardLogin;
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
 * A {@link BackendInspector} that asks a temBoard agent over its old HTTP API: logs in with a user name and
 * password ({@code POST /login}), sends the session in {@code X-Session}, logs in again once when the agent
 * answers 401 (the session expired), and logs out on {@link #close()}. {@link #terminate} uses {@code POST
 * /activity/kill}; {@link #cancel} uses {@code POST /activity/cancel}, which only activity4j's reference agent
 * offers, and otherwise fails with {@link UnsupportedRemoteOperationException}.
 *
 * <pre>{@code
 * try (TemboardAgentClient agent = TemboardAgentClient.builder(URI.create("https://db1:2345"))
 *         .credentials("alice", password)
 *         .sslContext(contextTrustingTheAgentsCertificate)
 *         .build()) {
 *     agent.activity().forEach(b -> System.out.println(b.pid() + " " + b.query()));
 *     CompletableFuture<List<LockWait>> waiting = agent.waitingAsync();
 * }
 * }</pre>
 *
 * <p>What the old API does not carry (backend and query start, backend type, application name, ...) is empty
 * unless the agent sends it as an extension member, as activity4j's reference agent does; {@link Backend}
 * says part by part what the old API carries. Who blocks whom comes from the lock rows (same lock type and
 * relation) unless the agent sends {@code blocked_by} and {@code blocking}. {@link #blocking()} lists the
 * prepared transactions that block when the agent sends them ({@code /activity/blocking}'s {@code
 * prepared_rows}, as the reference agent does; a real temBoard agent does not, and then none are listed).
 * HTTPS uses the caller's {@link SSLContext} (the JDK's default trust otherwise); no certificate is ever
 * trusted blindly. Only GET requests are retried.
 *
 * <p>The endpoint's path is kept: behind a proxy at {@code https://host/pg/agent7/} the client asks for {@code
 * /pg/agent7/activity}, {@code /pg/agent7/login}, ...
 *
 * <p>Thread-safe: one client may serve many threads and many concurrent asynchronous calls. Threads:
 * waiting for an answer holds none (the JDK's {@code sendAsync}); answers are decoded as they arrive, one row
 * at a time, and the {@code ...Async} futures completed, on the {@code executor} given to the builder, or else
 * on a pool of a few daemon threads that this client owns and {@link #close()} shuts down. Clients built
 * without an {@code httpClient} and with the same {@code sslContext} (or none) and connect timeout share one
 * JDK {@code HttpClient} (its connection pool and selector thread). The request timeout bounds each whole
 * call, body and retries included ({@link org.activity4j.core.RemoteTimeoutException}); a GET answered 503
 * is retried after its {@code Retry-After} when that fits in the timeout. Failures: {@link
 * BackendUnavailableException} when the agent cannot be reached or answers 5xx, {@link
 * RemoteAuthenticationException} when the credentials are refused, {@link RemoteApiException} for any other
 * error status, {@link org.activity4j.core.WireFormatException} for a malformed body.
 */
public final class TemboardAgentClient implements BackendInspector, AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(TemboardAgentClient.class.getName());

    private final URI base;
    private final TemboardLogin login;
    private final HttpTransport http;
    private final AtomicReference<@Nullable CompletableFuture<String>> session = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BackendInspector withoutFigures =
            new WithoutFiguresView(this, this::activityAsync, this::waitingAsync, this::blockingAsync);

    private TemboardAgentClient(Builder b, TemboardLogin login) {
        this.base = b.uri;
        this.login = login;
        this.http = b.http.transport(MAX_BODY_BYTES, "temBoard agent " + b.uri);
    }

    /**
     * A builder for a client of the agent at {@code uri}: {@code https://host:port}, or the URI of a proxy path
     * the agent is behind. The path is kept: the routes are resolved under it, so {@code
     * https://host/pg/agent7/} (with or without the trailing {@code /}) gets {@code
     * https://host/pg/agent7/activity}, {@code .../login} and so on, never {@code https://host/activity}.
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
        return get("activity", body -> {
            List<Backend> rows = new ArrayList<>();
            TemboardCodec.decodeActivity(body).forEach(r -> rows.add(TemboardRows.backend(r)));
            return rows;
        });
    }

    /**
     * This client without OS figures: every backend its calls return (lists, lock waits, holders, lock trees)
     * has {@link Backend#processStats()} unknown. The old API has one route per list, whose rows carry the
     * figures, so the view asks what this client asks and leaves them out: it saves the caller nothing on the
     * wire, and exists so that code written for any {@link BackendInspector} gets what the method promises. Its
     * signals are this client's; it is closed with this client.
     *
     * <pre>{@code
     * BackendInspector plain = agent.withoutProcessStats();   // once; as thread-safe as the client
     * }</pre>
     */
    @Override
    public BackendInspector withoutProcessStats() {
        return withoutFigures;
    }

    @Override
    public List<LockWait> waiting() {
        return HttpTransport.join(waitingAsync());
    }

    /** {@link #waiting()}, asynchronously. */
    public CompletableFuture<List<LockWait>> waitingAsync() {
        return get("activity/waiting", TemboardCodec::decodeLocks).thenCompose(waiting -> {
            if (!TemboardRows.needOtherList(waiting, "blocked_by")) {
                return CompletableFuture.completedFuture(TemboardRows.waits(waiting, List.of()));
            }
            return get("activity/blocking", TemboardCodec::decodeLocks)
                    .thenApply(blocking -> TemboardRows.waits(waiting, blocking));
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
            if (!TemboardRows.needOtherList(blocking, "blocking")) {
                return CompletableFuture.completedFuture(
                        TemboardRows.withPrepared(TemboardRows.holders(blocking, List.of()), answer));
            }
            return get("activity/waiting", TemboardCodec::decodeLocks)
                    .thenApply(waiting -> TemboardRows.withPrepared(TemboardRows.holders(blocking, waiting), answer));
        });
    }

    /**
     * The lock trees of the backends of {@link #waiting()} (with their blockers) and of {@link #blocking()}
     * (blockers of any backend type), as {@link LockTreeNode#from(List)} builds them.
     */
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
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedError());
        }
        if (checked.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return post("activity/kill", TemboardCodec.encodeKillRequest(checked), text(TemboardCodec::decodeKillResponse));
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
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedError());
        }
        if (checked.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return post(
                        "activity/cancel",
                        TemboardCodec.encodeKillRequest(checked),
                        text(TemboardCodec::decodeKillResponse))
                .exceptionally(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause()
                            : e;
                    if (cause instanceof RemoteApiException && ((RemoteApiException) cause).httpStatus() == 404) {
                        throw new UnsupportedRemoteOperationException(
                                "cancel",
                                "the agent at " + base + " cannot cancel queries (no POST /activity/cancel); "
                                        + "the temBoard agent's old API can only terminate backends",
                                cause);
                    }
                    throw cause instanceof RuntimeException
                            ? (RuntimeException) cause
                            : new java.util.concurrent.CompletionException(cause);
                });
    }

    /** The user name the agent knows this session by ({@code GET /profile}). */
    public String profile() {
        return HttpTransport.join(get("profile", text(TemboardCodec::decodeProfile)));
    }

    /**
     * Logs out ({@code GET /logout}) if logged in (waiting for a login under way), then refuses every later call
     * with an {@link IllegalStateException}. Never throws: a logout that fails (the agent is unreachable,
     * answers an error, or the session had expired) is logged as a warning through {@link System.Logger}
     * ({@code org.activity4j.client.TemboardAgentClient}) and the client is closed all the same. Closing
     * again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            logout();
        } finally {
            http.close();
        }
    }

    private void logout() {
        CompletableFuture<String> current = session.getAndSet(null);
        if (current == null) {
            return;
        }
        String id;
        try {
            id = HttpTransport.join(current);
        } catch (RuntimeException e) {
            return; // never logged in: nothing to log out of
        }
        try {
            HttpTransport.Response r = HttpTransport.join(http.send(
                    http.request(endpoint("logout"))
                            .header("X-Session", id)
                            .GET()
                            .build(),
                    false));
            // 401: the session had already expired, which is what logging out wants.
            if (r.status() != 401) {
                check(r);
                TemboardCodec.decodeLogout(r.body());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "logout from the temBoard agent at " + base + " failed", e);
        }
    }

    /** The route {@code path} (relative, e.g. {@code activity/waiting}) under the endpoint's path. */
    private URI endpoint(String path) {
        return base.resolve(path);
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("this TemboardAgentClient of " + base + " is closed");
    }

    /** A reader of small bodies: the whole body as text, then {@code decode}. */
    private static <T> HttpTransport.BodyReader<T> text(Function<String, T> decode) {
        return body -> decode.apply(HttpTransport.text(body));
    }

    private <T> CompletableFuture<T> get(String path, HttpTransport.BodyReader<T> decode) {
        return call(
                id -> http.request(endpoint(path)).header("X-Session", id).GET().build(), true, decode, true);
    }

    private <T> CompletableFuture<T> post(String path, String json, HttpTransport.BodyReader<T> decode) {
        return call(
                id -> http.request(endpoint(path))
                        .header("X-Session", id)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                false,
                decode,
                true);
    }

    private <T> CompletableFuture<T> call(
            Function<String, HttpRequest> request,
            boolean idempotent,
            HttpTransport.BodyReader<T> decode,
            boolean mayRelogin) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedError());
        }
        CompletableFuture<String> s = session();
        return s.thenCompose(id -> http.send(request.apply(id), idempotent, decode))
                .thenCompose(r -> {
                    if (r.status() == 401 && mayRelogin) {
                        session.compareAndSet(s, null);
                        return call(request, idempotent, decode, false);
                    }
                    if (r.status() == 401) {
                        return CompletableFuture.failedFuture(
                                new RemoteAuthenticationException(401, "", ErrorBodies.temboardMessage(r.errorBody())));
                    }
                    Optional<T> value = r.value();
                    if (value.isEmpty()) {
                        throw error(r.status(), r.errorBody(), r.retryAfter());
                    }
                    return CompletableFuture.completedFuture(value.get());
                });
    }

    private CompletableFuture<String> session() {
        while (true) {
            CompletableFuture<String> current = session.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<String> fresh = new CompletableFuture<>();
            if (session.compareAndSet(current, fresh)) {
                login().whenComplete((id, failure) -> {
                    if (failure != null) {
                        fresh.completeExceptionally(failure);
                    } else {
                        fresh.complete(id);
                    }
                });
                return fresh;
            }
        }
    }

    private CompletableFuture<String> login() {
        HttpRequest request = http.request(endpoint("login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TemboardCodec.encodeLogin(login), StandardCharsets.UTF_8))
                .build();
        return http.send(request, false).thenApply(r -> {
            if (r.status() == 404 || r.status() == 406 || r.status() == 401) {
                throw new RemoteAuthenticationException(r.status(), "", ErrorBodies.temboardMessage(r.body()));
            }
            check(r);
            return TemboardCodec.decodeSession(r.body());
        });
    }

    private void check(HttpTransport.Response r) {
        if (r.status() >= 200 && r.status() < 300) {
            return;
        }
        throw error(r.status(), r.body(), Optional.empty());
    }

    private RuntimeException error(int status, String body, Optional<java.time.Instant> retryAfter) {
        RemoteApiException error =
                new RemoteApiException(RemoteErrors.status(status), "", ErrorBodies.temboardMessage(body), retryAfter);
        return RemoteErrors.unavailableIfServerError(error, "the temBoard agent at " + base);
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

    private static Backend withBlockedBy(Backend b, List<Integer> blockedBy) {
        return b.toBuilder().blockedBy(blockedBy).build();
    }

    /**
     * Options of a {@link TemboardAgentClient}.
     *
     * <pre>{@code
     * TemboardAgentClient.builder(uri).credentials("alice", pw).connectTimeout(Duration.ofSeconds(2)).build();
     * }</pre>
     *
     * <p>Not thread-safe; the client it builds is.
     */
    public static final class Builder {
        private final URI uri;
        private @Nullable String username;
        private @Nullable String password;
        private final HttpOptions http = new HttpOptions();

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!HttpOptions.isHttpWithHost(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "expected an http or https URI with a host and no query or fragment: " + uri);
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            // A directory, so that relative routes resolve under the path rather than beside its last segment.
            this.uri = path.endsWith("/") ? uri : URI.create(uri + "/");
        }

        /** The user and password to log in with (required). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
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
         * How long a call may take in all (default 30 s): connecting, the TLS handshake, the answer's header and
         * body, and any retries. Past it the call fails with a {@link org.activity4j.core.RemoteTimeoutException}
         * naming it, however slowly the server trickles its body.
         */
        public Builder requestTimeout(Duration timeout) {
            http.requestTimeout(timeout);
            return this;
        }

        /** How often to retry a failed GET (default 2), waiting {@code backoff}, then twice that, and so on. */
        public Builder retries(int retries, Duration backoff) {
            http.retries(retries, backoff);
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
         * TemboardAgentClient.builder(uri).httpClient(mine)...build();
         * }</pre>
         */
        public Builder httpClient(HttpClient client) {
            http.httpClient(client);
            return this;
        }

        /**
         * Where the client reads and decodes answers, runs the continuations of its {@code ...Async} futures
         * and schedules retries, e.g. a service's bounded pool, or virtual threads on Java 21. The client
         * never shuts it down. Without one, the client makes a pool of {@value
         * org.activity4j.client.internal.HttpOptions#OWN_POOL_THREADS} daemon threads of its own ({@code
         * activity4j-http-N}, started when needed, stopped after 30 s idle), which {@code close()} shuts down.
         * Waiting for an answer holds no thread in either case (the JDK's {@code sendAsync}).
         *
         * <pre>{@code
         * ExecutorService pool = Executors.newFixedThreadPool(8);
         * TemboardAgentClient.builder(uri).executor(pool)...build();
         * }</pre>
         */
        public Builder executor(Executor executor) {
            http.executor(executor);
            return this;
        }

        /**
         * The largest answer body accepted (default 64 MiB); a larger one fails the call with a {@link
         * BackendUnavailableException} that says so, before it can fill the heap.
         *
         * <pre>{@code
         * TemboardAgentClient.builder(uri).maxResponseBytes(16 * 1024 * 1024)...build();
         * }</pre>
         */
        public Builder maxResponseBytes(long max) {
            http.maxResponseBytes(max);
            return this;
        }

        /**
         * The client; it logs in on its first call.
         *
         * @throws IllegalStateException if no credentials were given
         */
        public TemboardAgentClient build() {
            if (username == null || password == null) {
                throw new IllegalStateException("credentials(user, password) are required");
            }
            return new TemboardAgentClient(this, new TemboardLogin(username, password));
        }
    }
}
