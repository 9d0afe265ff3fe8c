package org.activity4j.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a request is handed to the JDK's {@link HttpClient}. {@code sendAsync} completes every response through
 * {@link CompletableFuture}'s default executor, and where that executor starts a new thread for every task
 * (JDK 17 when the common pool has a single thread, i.e. on 2 CPUs or fewer) each response then costs a thread
 * start; there a blocking {@code send} on a shared pool of reused threads measured about 30% less CPU per request
 * (PERFORMANCE.md, wire section). Thread-safe.
 */
public enum Dispatch {
    /** {@code HttpClient.sendAsync}: no thread waits while a request is in flight. */
    ASYNC,
    /**
     * {@code HttpClient.send} on a shared, unbounded pool of daemon threads ({@code activity4j-http-N}), one
     * per request in flight, kept for 60 s when idle.
     */
    POOLED;

    private static final Dispatch FOR_THIS_JVM =
            new CompletableFuture<Void>().defaultExecutor() instanceof ForkJoinPool ? ASYNC : POOLED;

    /** {@link #POOLED} when CompletableFuture's default executor starts a thread per task, else {@link #ASYNC}. */
    public static Dispatch forThisJvm() {
        return FOR_THIS_JVM;
    }

    /** Sends the request the chosen way; the future fails with what {@code send} would throw. */
    public <T> CompletableFuture<HttpResponse<T>> send(
            HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (this == ASYNC) {
            return client.sendAsync(request, handler);
        }
        CompletableFuture<HttpResponse<T>> response = new CompletableFuture<>();
        Pool.THREADS.execute(() -> {
            try {
                response.complete(client.send(request, handler));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.completeExceptionally(e);
            } catch (IOException | RuntimeException | Error e) {
                response.completeExceptionally(e);
            }
        });
        return response;
    }

    /** The pool, made on first use. */
    private static final class Pool {
        static final ExecutorService THREADS = Executors.newCachedThreadPool(daemons());

        private static ThreadFactory daemons() {
            AtomicInteger count = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "activity4j-http-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
