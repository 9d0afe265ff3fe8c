package org.activity4j.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A response body as an {@link InputStream} that the HTTP client fills as the bytes arrive, one list of
 * buffers at a time (the next is asked for only when the reader has taken the last, so at most a few of the
 * HTTP client's buffers are held however large the body), with a deadline: a read that would pass it fails
 * with an {@link HttpTimeoutException}, and a body over {@code maxBytes} fails with an {@link IOException}
 * saying so. Either failure, and {@link #close()} before the end, cancels the body (the connection is
 * dropped). Read by one thread; filled by the HTTP client's.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    private final long maxBytes;
    private final long deadlineNanos;
    private final Duration timeout;
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
    private volatile Flow.@Nullable Subscription subscription;
    private long received;
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private @Nullable ByteBuffer current;
    private @Nullable IOException failed;
    private boolean ended;
    private boolean closed;

    /**
     * @param maxBytes the largest body accepted
     * @param deadlineNanos the {@link System#nanoTime()} by which the whole body must have been read
     * @param timeout the request timeout the deadline comes from, for the message
     */
    BodyStream(long maxBytes, long deadlineNanos, Duration timeout) {
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        synchronized (this) {
            received += size;
            if (received > maxBytes) {
                cancel();
                arrived.add(new IOException("response body larger than " + maxBytes + " bytes"));
                return;
            }
        }
        arrived.add(buffers);
    }

    @Override
    public void onError(Throwable t) {
        arrived.add(t instanceof IOException ? t : new IOException(t));
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        ByteBuffer b = next();
        return b == null ? -1 : b.get() & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, into.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer b = next();
        if (b == null) {
            return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(into, off, n);
        return n;
    }

    @Override
    public int available() {
        ByteBuffer b = current;
        return b == null ? 0 : b.remaining();
    }

    /** A buffer with bytes left, or null at the end of the body. */
    private @Nullable ByteBuffer next() throws IOException {
        while (true) {
            if (closed) {
                throw new IOException("the response body was closed");
            }
            IOException f = failed;
            if (f != null) {
                throw f;
            }
            ByteBuffer b = current;
            if (b != null && b.hasRemaining()) {
                return b;
            }
            current = buffers.poll();
            if (current == null) {
                if (ended) {
                    return null;
                }
                takeNext();
            }
        }
    }

    /** Waits for the next list of buffers (asking for it), the end, or a failure, until the deadline. */
    @SuppressWarnings("unchecked")
    private void takeNext() throws IOException {
        Flow.Subscription s = subscription;
        if (s != null && arrived.isEmpty()) {
            s.request(1); // one list at a time: the next only when the reader wants it
        }
        Object item;
        try {
            long left = deadlineNanos - System.nanoTime();
            item = left <= 0 ? arrived.poll() : arrived.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw fail(new InterruptedIOException("interrupted while reading the response body"));
        }
        if (item == null) {
            cancel();
            throw fail(new HttpTimeoutException(
                    "the response body was not complete within the request timeout of " + timeout.toMillis() + " ms"));
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof IOException) {
            throw fail((IOException) item);
        } else {
            buffers.addAll((List<ByteBuffer>) item); // the HTTP client's buffers, not copied
        }
    }

    private IOException fail(IOException e) {
        failed = e;
        return e;
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Stops reading; a body not read to its end is cancelled, which drops the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ended) {
            cancel();
        }
        arrived.clear();
        buffers.clear();
    }
}
