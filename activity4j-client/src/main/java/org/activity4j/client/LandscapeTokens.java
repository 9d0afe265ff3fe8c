package org.activity4j.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.activity4j.client.internal.HttpTransport;
import org.activity4j.client.wire.LandscapeLogin;
import org.jspecify.annotations.Nullable;

/**
 * The JWT of a {@link LandscapeClient} that logs in: logs in on first use, shares the login between calls in
 * flight, and logs in again when the server answers 401 to a token, once per call. Thread-safe.
 */
final class LandscapeTokens {
    private final HttpTransport http;
    private final URI restBase;
    private final @Nullable Object login;
    private final BiFunction<HttpTransport.Response, String, RuntimeException> error;
    private final AtomicReference<@Nullable CompletableFuture<String>> token = new AtomicReference<>();

    /** {@code login} is a {@link LandscapeLogin.AccessKey}, a {@link LandscapeLogin.Password} or null (none). */
    LandscapeTokens(
            HttpTransport http,
            URI restBase,
            @Nullable Object login,
            BiFunction<HttpTransport.Response, String, RuntimeException> error) {
        this.http = http;
        this.restBase = restBase;
        this.login = login;
        this.error = error;
    }

    boolean configured() {
        return login != null;
    }

    /**
     * Sends the request that {@code request} makes from an {@code Authorization} value ({@code Bearer <jwt>});
     * on a 401, logs in again (unless another call did already) and sends it once more.
     */
    CompletableFuture<HttpTransport.Response> send(Function<String, HttpRequest> request, boolean idempotent) {
        CompletableFuture<String> current = current();
        return current.thenCompose(jwt -> http.send(request.apply("Bearer " + jwt), idempotent)
                .thenCompose(r -> {
                    if (r.status() != 401) {
                        return CompletableFuture.completedFuture(r);
                    }
                    return renew(current).thenCompose(fresh -> http.send(request.apply("Bearer " + fresh), idempotent));
                }));
    }

    private CompletableFuture<String> current() {
        while (true) {
            CompletableFuture<String> t = token.get();
            if (t != null && !t.isCompletedExceptionally()) {
                return t;
            }
            CompletableFuture<String> mine = new CompletableFuture<>();
            if (token.compareAndSet(t, mine)) {
                logIn(mine);
                return mine;
            }
        }
    }

    /** A new login, unless the token {@code stale} was replaced already (then the replacement). */
    private CompletableFuture<String> renew(CompletableFuture<String> stale) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        if (token.compareAndSet(stale, mine)) {
            logIn(mine);
            return mine;
        }
        return current();
    }

    private void logIn(CompletableFuture<String> result) {
        Object l = login;
        String path;
        String body;
        if (l instanceof LandscapeLogin.AccessKey) {
            path = "login/access-key";
            body = ((LandscapeLogin.AccessKey) l).toJson();
        } else if (l instanceof LandscapeLogin.Password) {
            path = "login";
            body = ((LandscapeLogin.Password) l).toJson();
        } else {
            result.completeExceptionally(new IllegalStateException("this LandscapeClient has no login"));
            return;
        }
        HttpRequest request = http.request(restBase.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        http.send(request, false)
                .thenApply(r -> {
                    if (r.status() == 200) {
                        return LandscapeLogin.decodeResult(r.body()).token();
                    }
                    throw error.apply(r, "");
                })
                .whenComplete((jwt, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(
                                failure instanceof java.util.concurrent.CompletionException
                                                && failure.getCause() != null
                                        ? failure.getCause()
                                        : failure);
                    } else {
                        result.complete(jwt);
                    }
                });
    }
}
