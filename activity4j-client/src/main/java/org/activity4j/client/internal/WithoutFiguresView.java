package org.activity4j.client.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.SignalResult;

/**
 * A remote client's {@link BackendInspector#withoutProcessStats()} view: every backend it returns, in lists, lock
 * waits, holders and lock trees, has its OS figures {@linkplain ProcessStats#isKnown() unknown}, whatever the
 * agent sent; {@code activity} may be the client's own call or a cheaper one that asks for no figures. Signals
 * are the client's. Thread-safe when the client is.
 */
public final class WithoutFiguresView implements BackendInspector {
    private final BackendInspector client;
    private final Supplier<CompletableFuture<List<Backend>>> activity;
    private final Supplier<CompletableFuture<List<LockWait>>> waiting;
    private final Supplier<CompletableFuture<List<LockHolder>>> blocking;

    public WithoutFiguresView(
            BackendInspector client,
            Supplier<CompletableFuture<List<Backend>>> activity,
            Supplier<CompletableFuture<List<LockWait>>> waiting,
            Supplier<CompletableFuture<List<LockHolder>>> blocking) {
        this.client = client;
        this.activity = activity;
        this.waiting = waiting;
        this.blocking = blocking;
    }

    @Override
    public List<Backend> activity() {
        return HttpTransport.join(activity.get()
                .thenApply(backends ->
                        backends.stream().map(WithoutFiguresView::backend).toList()));
    }

    @Override
    public List<LockWait> waiting() {
        return HttpTransport.join(waitingAsync());
    }

    @Override
    public List<LockHolder> blocking() {
        return HttpTransport.join(blockingAsync());
    }

    /** As the clients build theirs: from the waits and the holders, asked at the same time. */
    @Override
    public List<LockTreeNode> lockTree() {
        return HttpTransport.join(waitingAsync().thenCombine(blockingAsync(), RemoteLockTree::from));
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return client.terminate(pids);
    }

    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return client.cancel(pids);
    }

    @Override
    public BackendInspector withoutProcessStats() {
        return this;
    }

    @Override
    public String toString() {
        return client + ".withoutProcessStats()";
    }

    private CompletableFuture<List<LockWait>> waitingAsync() {
        return waiting.get()
                .thenApply(waits -> waits.stream()
                        .map(w -> new LockWait(backend(w.backend()), w.lock(), w.blockedBy(), w.blockedByPrepared()))
                        .toList());
    }

    private CompletableFuture<List<LockHolder>> blockingAsync() {
        return blocking.get()
                .thenApply(holders -> holders.stream()
                        .map(h -> new LockHolder(blocker(h.blocker()), h.lock(), h.kind(), h.blocking()))
                        .toList());
    }

    /** {@code b} with its OS figures unknown (itself when they are). */
    private static Backend backend(Backend b) {
        return b.processStats().isKnown() ? b.withProcessStats(ProcessStats.unknown()) : b;
    }

    private static Blocker blocker(Blocker b) {
        return b instanceof Blocker.OfBackend of ? new Blocker.OfBackend(backend(of.backend())) : b;
    }
}
