package org.activity4j.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.activity4j.client.internal.ChangeTimestamps;
import org.activity4j.client.internal.ErrorBodies;
import org.activity4j.client.internal.HttpOptions;
import org.activity4j.client.internal.HttpTransport;
import org.activity4j.client.internal.RemoteErrors;
import org.activity4j.client.wire.LandscapeActivity;
import org.activity4j.client.wire.LandscapeActivityPage;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeLogin;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeRestCodec;
import org.activity4j.client.wire.LandscapeSignature;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.RemoteApiException;
import org.activity4j.core.RemoteAuthenticationException;
import org.activity4j.core.RemoteQueryException;
import org.activity4j.core.WireFormatException;
import org.activity4j.query.QueryCriteria;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ActivityService} that calls Landscape's legacy {@code ?action=} API (version {@code 2011-08-01})
 * with an access key: every call is signed (signature version 2, {@link LandscapeSignature}); reads are GET
 * requests with the parameters in the query, unless the URL would be longer than {@link #MAX_GET_URL_LENGTH}
 * (a long query), when they are POST requests with a form body, as writes ({@code CancelActivities}, {@code
 * ApproveActivities}) always are.
 *
 * <pre>{@code
 * try (LandscapeClient landscape = LandscapeClient.builder(URI.create("https://landscape.example.com/api/"))
 *         .accessKey(keyId, secretKey)
 *         .build()) {
 *     List<Activity> failed = landscape.getActivities(QueryCriteria.parse("status:failed"), 20, 0);
 *     CompletableFuture<List<Long>> approved =
 *             landscape.approveActivitiesAsync(QueryCriteria.parse("status:unapproved"));
 * }
 * }</pre>
 *
 * <p>Errors map to the same types as the local service's: {@code InvalidActivityStatusChange} to {@link
 * ActivityStatusChangeException} with the id to reason map of its {@code <id> => <reason>} lines, {@code
 * InvalidQuery} to {@link RemoteQueryException} with the server's message, {@code Unauthorised}, {@code
 * AuthFailure}, {@code SignatureDoesNotMatch} and {@code InvalidCredentials} to {@link
 * RemoteAuthenticationException}, any other error status to {@link RemoteApiException} (wrapped in {@link
 * BackendUnavailableException} for 5xx and when the server cannot be reached), a malformed body to {@link
 * WireFormatException}. Cancel and approve return the ids ascending, as the local service does.
 *
 * <p>Servers refuse a signed change sent twice (a replay), and Landscape's timestamps have whole seconds,
 * so when the same cancel or approve is asked for again within the second it was signed in, the client
 * signs it with the next second (up to 30 s ahead of its clock; more repeats than that fail with {@link
 * IllegalStateException}). The parameters stay exactly Landscape's.
 *
 * <p>Thread-safe. Only GET requests are retried (a 503 or a 429 after its {@code Retry-After}, within the
 * request timeout; otherwise the exception carries it: {@link BackendUnavailableException#retryAfter()}, {@link
 * RemoteApiException#retryAfter()}). The request timeout bounds each whole call, body and retries included.
 * A page is decoded as it arrives, one activity at a time, so the heap holds the activities, not the body.
 *
 * <p>{@link #streamActivities(QueryCriteria, int)} is the interface's default: Landscape's API pages only
 * with {@code limit} and {@code offset}, so each page is a {@code GetActivities} call bounded by {@code
 * created-before:} at the second after the last activity yielded, skipping the activities already yielded
 * from that second (the query language bounds times to the second, so a pure keyset cannot be written);
 * activities not after the last yielded one are dropped. The offset never grows past one second's
 * activities, and the consistency is as the default method's Javadoc says.
 *
 * <p>Threads: waiting for an answer holds none (the JDK's {@code sendAsync}). Answers are decoded, and the
 * {@code ...Async} futures completed, on the {@code executor} given to the builder, or else on a pool of a
 * few daemon threads that this client owns and {@link #close()} shuts down. Clients built without an {@code
 * httpClient} and with the same {@code sslContext} (or none) and connect timeout share one JDK {@code
 * HttpClient} (its connection pool and selector thread), so polling many servers from one JVM does not
 * start a selector thread per server.
 */
public final class LandscapeClient implements ActivityService, AutoCloseable {
    /** The API version this client speaks. */
    public static final String API_VERSION = "2011-08-01";

    /**
     * The longest URL of a read sent as {@code GET}; a read whose signed parameters make a longer one (a long
     * query) is sent as a {@code POST} form instead, as the real Landscape client sends every request, signed
     * for {@code POST}. Servers and proxies commonly refuse URLs over 8 KiB.
     */
    public static final int MAX_GET_URL_LENGTH = 4096;

    private static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    private final URI endpoint;
    private final @Nullable LandscapeSignature signer;
    private final LandscapeTokens tokens;
    private final boolean restReads;
    private final HttpTransport http;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ChangeTimestamps changeTimestamps = new ChangeTimestamps();

    private LandscapeClient(Builder b) {
        this.endpoint = b.uri;
        this.signer = b.signer;
        this.clock = b.http.clock();
        this.http = b.http.transport(MAX_BODY_BYTES, "Landscape at " + b.uri);
        this.tokens = new LandscapeTokens(http, restBase(b.uri), b.login, this::error);
        this.restReads = b.restReads;
    }

    /** {@code https://host/api/v2/} for an endpoint {@code https://host/api/} (or {@code .../api}). */
    private static URI restBase(URI endpoint) {
        String text = endpoint.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + "v2/");
    }

    /**
     * A builder for a client of the API at {@code uri}, e.g. {@code https://landscape.example.com/api/}. The
     * path is kept as given: requests go to that exact path (GET {@code https://host/landscape/api/?action=...},
     * POST to {@code https://host/landscape/api/}) and it is the path that is signed. User info and fragment are
     * dropped.
     *
     * @throws IllegalArgumentException if {@code uri} is not an {@code http} or {@code https} URI with a host,
     *     or has a query
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        return HttpTransport.join(getActivitiesAsync(query, limit, offset));
    }

    /** {@link #getActivities(QueryCriteria, int, int)}, asynchronously; the arguments are checked at once. */
    public CompletableFuture<List<Activity>> getActivitiesAsync(QueryCriteria query, int limit, int offset) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 0 to " + MAX_LIMIT + ": " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        String text = query.toQueryString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "GetActivities");
        params.put("query", text);
        params.put("limit", Integer.toString(limit));
        params.put("offset", Integer.toString(offset));
        if (restReads) {
            URI uri = restActivitiesUri(text, limit, offset);
            if (uri.toString().length() <= MAX_GET_URL_LENGTH) {
                return restPage(uri, text)
                        .thenApply(page -> page.results().stream()
                                .map(LandscapeActivity::activity)
                                .toList());
            }
        }
        // A REST read cannot be posted: a query too long for its URL goes as the legacy action, posted with the
        // same token (see call).
        return call(params, text, LandscapeCodec::decodeActivities);
    }

    /**
     * A page of {@code GET /api/v2/activities} (Landscape 24.04 and later, REST API): the activities with what
     * only the REST API says ({@code actions}, {@code children}), and {@code count}, how many the query selects in
     * all. Needs a login ({@link Builder#accessKeyLogin}, {@link Builder#passwordLogin}). The query travels in the
     * URL, so a very long one may be refused by the server ({@code 414}, a {@link RemoteApiException});
     * {@code getActivities} posts those instead.
     *
     * @throws IllegalArgumentException for a limit out of 0 to {@link #MAX_LIMIT} or a negative offset
     * @throws IllegalStateException if the client was built without a login
     */
    public LandscapeActivityPage getActivityPage(QueryCriteria query, int limit, int offset) {
        return HttpTransport.join(getActivityPageAsync(query, limit, offset));
    }

    /** {@link #getActivityPage}, asynchronously; the arguments are checked at once. */
    public CompletableFuture<LandscapeActivityPage> getActivityPageAsync(QueryCriteria query, int limit, int offset) {
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 0 to " + MAX_LIMIT + ": " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        String text = query.toQueryString();
        return restPage(restActivitiesUri(text, limit, offset), text);
    }

    /** The page at {@code uri}, a {@link #restActivitiesUri}; {@code queryText} names the query in errors. */
    private CompletableFuture<LandscapeActivityPage> restPage(URI uri, String queryText) {
        return rest(uri).thenApply(r -> {
            if (r.status() == 200) {
                return LandscapeRestCodec.decodePage(r.body());
            }
            throw error(r, queryText);
        });
    }

    /** The URI of a page of {@code GET /api/v2/activities}. */
    private URI restActivitiesUri(String queryText, int limit, int offset) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", queryText);
        params.put("limit", Integer.toString(limit));
        params.put("offset", Integer.toString(offset));
        return URI.create(restBase(endpoint) + "activities?" + LandscapeParams.encode(params));
    }

    /**
     * The activity {@code id} as {@code GET /api/v2/activities/<id>} shows it; empty when the server answers 404.
     * Needs a login.
     *
     * @throws IllegalStateException if the client was built without a login
     */
    public Optional<LandscapeActivity> getActivity(long id) {
        return HttpTransport.join(getActivityAsync(id));
    }

    /** {@link #getActivity(long)}, asynchronously. */
    public CompletableFuture<Optional<LandscapeActivity>> getActivityAsync(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("an activity id is 1 or more: " + id);
        }
        return rest(URI.create(restBase(endpoint) + "activities/" + id)).thenApply(r -> {
            if (r.status() == 200) {
                return Optional.of(LandscapeRestCodec.decodeActivity(r.body()));
            }
            if (r.status() == 404) {
                return Optional.empty();
            }
            throw error(r, "");
        });
    }

    private CompletableFuture<HttpTransport.Response> rest(URI uri) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("this LandscapeClient of " + endpoint + " is closed"));
        }
        if (!tokens.configured()) {
            throw new IllegalStateException(
                    "Landscape's REST API needs a login: give the builder accessKeyLogin(...) or passwordLogin(...)");
        }
        return tokens.send(
                bearer ->
                        http.request(uri).header("Authorization", bearer).GET().build(),
                true);
    }

    @Override
    public List<String> getActivityTypes() {
        return HttpTransport.join(getActivityTypesAsync());
    }

    /** {@link #getActivityTypes()}, asynchronously. */
    public CompletableFuture<List<String>> getActivityTypesAsync() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", "GetActivityTypes");
        return call(params, "", LandscapeCodec::decodeActivityTypes);
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        return HttpTransport.join(cancelActivitiesAsync(query));
    }

    /** {@link #cancelActivities(QueryCriteria)}, asynchronously. */
    public CompletableFuture<List<Long>> cancelActivitiesAsync(QueryCriteria query) {
        return change("CancelActivities", query);
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        return HttpTransport.join(approveActivitiesAsync(query));
    }

    /** {@link #approveActivities(QueryCriteria)}, asynchronously. */
    public CompletableFuture<List<Long>> approveActivitiesAsync(QueryCriteria query) {
        return change("ApproveActivities", query);
    }

    private CompletableFuture<List<Long>> change(String action, QueryCriteria query) {
        String text = query.toQueryString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("action", action);
        params.put("query", text);
        return call(params, text, body -> {
            List<Long> ids = new ArrayList<>(LandscapeCodec.decodeIds(body));
            ids.sort(null);
            return List.copyOf(ids);
        });
    }

    /**
     * Closes the client: later calls fail with an {@link IllegalStateException}. The legacy API signs every
     * request and has no session, so there is nothing to log out of and nothing that can fail; closing again
     * does nothing. The client's own thread pool (when no {@code executor} was given) is shut down, so calls
     * still in flight fail with an {@link IllegalStateException}; a given executor and {@code HttpClient}, and the
     * shared {@code HttpClient}, stay open.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close();
        }
    }

    /**
     * Signs and sends an action: {@code GET} with the parameters in the URL, or a {@code POST} form for
     * changes and for reads whose URL would be longer than {@link #MAX_GET_URL_LENGTH} (a long query).
     */
    private <T> CompletableFuture<T> call(
            Map<String, String> params, String queryText, HttpTransport.BodyReader<T> decode) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("this LandscapeClient of " + endpoint + " is closed"));
        }
        String action = params.get("action");
        boolean change = "CancelActivities".equals(action) || "ApproveActivities".equals(action);
        params.put("version", API_VERSION);
        if (tokens.configured()) {
            // With a token only action and version (and the action's own parameters) are sent, unsigned.
            String encodedParams = LandscapeParams.encode(params);
            boolean get = !change && endpoint.toString().length() + 1 + encodedParams.length() <= MAX_GET_URL_LENGTH;
            return tokens.send(
                            bearer -> get
                                    ? http.request(URI.create(endpoint + "?" + encodedParams))
                                            .header("Authorization", bearer)
                                            .GET()
                                            .build()
                                    : http.request(endpoint)
                                            .header("Authorization", bearer)
                                            .header("Content-Type", "application/x-www-form-urlencoded")
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    encodedParams, StandardCharsets.UTF_8))
                                            .build(),
                            get)
                    .thenApply(r -> {
                        if (r.status() == 200) {
                            // The token path reads the answer as text first (LandscapeTokens retries a 401 with
                            // a new login), then decodes it as the signed path does.
                            try {
                                return decode.read(
                                        new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        throw error(r, queryText);
                    });
        }
        LandscapeSignature signer = Objects.requireNonNull(this.signer, "signer");
        Instant now = clock.instant();
        if (change) {
            // Identical changes must differ in their timestamp, or the server takes the second for a replay.
            try {
                now = changeTimestamps.next("POST\n" + LandscapeParams.encode(params), now);
            } catch (IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        String verb = change ? "POST" : "GET";
        String encoded = LandscapeParams.encode(signer.sign(verb, endpoint, params, now));
        if (!change && endpoint.toString().length() + 1 + encoded.length() > MAX_GET_URL_LENGTH) {
            verb = "POST"; // the signature covers the method: sign again for POST
            encoded = LandscapeParams.encode(signer.sign(verb, endpoint, params, now));
        }
        HttpRequest request;
        if (verb.equals("GET")) {
            request = http.request(URI.create(endpoint + "?" + encoded)).GET().build();
        } else {
            request = http.request(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.UTF_8))
                    .build();
        }
        return http.send(request, verb.equals("GET"), decode).thenApply(r -> {
            Optional<T> value = r.value();
            if (r.status() == 200 && value.isPresent()) {
                return value.get();
            }
            throw error(r, queryText);
        });
    }

    /** The failure that an answer read as text ({@code r}) says, as {@link #error(HttpTransport.Reply, String)}. */
    RuntimeException error(HttpTransport.Response r, String queryText) {
        return error(new HttpTransport.Reply<>(r.status(), Optional.empty(), r.body(), Optional.empty()), queryText);
    }

    RuntimeException error(HttpTransport.Reply<?> r, String queryText) {
        int status = RemoteErrors.status(r.status());
        LandscapeError e = ErrorBodies.landscapeError(r.errorBody());
        if (e.isAuthentication()) {
            return new RemoteAuthenticationException(status, e.code(), e.message());
        }
        if (e.code().equals(LandscapeError.INVALID_QUERY)) {
            return new RemoteQueryException(status, e.code(), e.message(), queryText);
        }
        RemoteApiException remote = new RemoteApiException(status, e.code(), e.message(), r.retryAfter());
        if (e.code().equals(LandscapeError.INVALID_ACTIVITY_STATUS_CHANGE)) {
            try {
                return new ActivityStatusChangeException(LandscapeCodec.parseReasons(e.message()), remote);
            } catch (WireFormatException malformed) {
                malformed.addSuppressed(remote);
                return malformed;
            }
        }
        return RemoteErrors.unavailableIfServerError(remote, "Landscape at " + endpoint);
    }

    /**
     * Options of a {@link LandscapeClient}.
     *
     * <pre>{@code
     * LandscapeClient.builder(uri).accessKey(keyId, secret).requestTimeout(Duration.ofSeconds(10)).build();
     * }</pre>
     *
     * <p>Not thread-safe; the client it builds is.
     */
    public static final class Builder {
        private final URI uri;
        private @Nullable LandscapeSignature signer;
        private @Nullable Object login;
        private boolean restReads;
        private final HttpOptions http = new HttpOptions();

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!HttpOptions.isHttpWithHost(uri) || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("expected an http or https URI with a host and no query: " + uri);
            }
            this.uri = URI.create(
                    uri.getScheme() + "://" + LandscapeSignature.hostOf(uri) + LandscapeSignature.pathOf(uri));
        }

        /**
         * The access key to sign every legacy request with (signature version 2). One of this, {@link
         * #accessKeyLogin} and {@link #passwordLogin} is required; a login wins over signing.
         */
        public Builder accessKey(String accessKeyId, String secretKey) {
            this.signer = LandscapeSignature.of(accessKeyId, secretKey);
            return this;
        }

        /**
         * Logs in with an access key ({@code POST /api/v2/login/access-key}, Landscape 24.10 and later) and sends
         * the token it gets as {@code Authorization: Bearer} instead of signing; logs in again, once per call,
         * when the server answers 401. The token lives the server's default (a day on Landscape).
         */
        public Builder accessKeyLogin(String accessKey, String secretKey) {
            this.login = new LandscapeLogin.AccessKey(accessKey, secretKey, OptionalInt.empty());
            return this;
        }

        /**
         * {@link #accessKeyLogin(String, String)} asking for tokens that live {@code expiry} ({@code
         * expiry_minutes}, whole minutes, at least one).
         */
        public Builder accessKeyLogin(String accessKey, String secretKey, Duration expiry) {
            long minutes = expiry.toMinutes();
            if (minutes < 1 || minutes > Integer.MAX_VALUE || !expiry.equals(Duration.ofMinutes(minutes))) {
                throw new IllegalArgumentException("expiry must be a whole number of minutes, 1 or more: " + expiry);
            }
            this.login = new LandscapeLogin.AccessKey(accessKey, secretKey, OptionalInt.of((int) minutes));
            return this;
        }

        /**
         * Logs in with an email and password ({@code POST /api/v2/login}, Landscape 24.04 and later) into the
         * person's default account; see {@link #accessKeyLogin(String, String)} for the token.
         */
        public Builder passwordLogin(String email, String password) {
            this.login = new LandscapeLogin.Password(email, password, Optional.empty());
            return this;
        }

        /** {@link #passwordLogin(String, String)} into {@code account}. */
        public Builder passwordLogin(String email, String password, String account) {
            this.login = new LandscapeLogin.Password(email, password, Optional.of(account));
            return this;
        }

        /**
         * Whether {@code getActivities} reads {@code GET /api/v2/activities} (REST) instead of the legacy {@code
         * GetActivities} (default false); cancel, approve and the types stay legacy calls, as Landscape's web UI
         * makes them. Needs a login. A query whose REST URL would be longer than {@link #MAX_GET_URL_LENGTH} is read
         * with the legacy {@code GetActivities}, posted with the same token, since a REST read cannot be posted.
         */
        public Builder restReads(boolean restReads) {
            this.restReads = restReads;
            return this;
        }

        /** The TLS context for {@code https}. */
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

        /** The clock for the {@code timestamp} parameter (default UTC system clock). */
        public Builder clock(Clock clock) {
            http.clock(clock);
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
         * LandscapeClient.builder(uri).httpClient(mine)...build();
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
         * LandscapeClient.builder(uri).executor(pool)...build();
         * }</pre>
         */
        public Builder executor(Executor executor) {
            http.executor(executor);
            return this;
        }

        /**
         * The largest answer body accepted (default 256 MiB); a larger one fails the call with a {@link
         * BackendUnavailableException} that says so, before it can fill the heap.
         *
         * <pre>{@code
         * LandscapeClient.builder(uri).maxResponseBytes(16 * 1024 * 1024)...build();
         * }</pre>
         */
        public Builder maxResponseBytes(long max) {
            http.maxResponseBytes(max);
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException if neither an access key nor a login was given, or REST reads without a
         *     login
         */
        public LandscapeClient build() {
            if (signer == null && login == null) {
                throw new IllegalStateException(
                        "accessKey(keyId, secret), accessKeyLogin(key, secret) or passwordLogin(email, password) is"
                                + " required");
            }
            if (restReads && login == null) {
                throw new IllegalStateException("restReads(true) needs accessKeyLogin(...) or passwordLogin(...)");
            }
            return new LandscapeClient(this);
        }
    }
}
