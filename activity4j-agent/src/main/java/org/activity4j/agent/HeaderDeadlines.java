package org.activity4j.agent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.client.wire.TemboardCodec;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * The header read timeout, which Jetty does not have: a connection must deliver a complete request header
 * within {@code headerTimeout} of being opened (a TLS handshake included), and each later request's header
 * within {@code idleTimeout + headerTimeout} of the previous answer. Otherwise it is answered {@code 408
 * Request Timeout} and closed. A client that sends one byte a second keeps Jetty's idle timeout from firing,
 * but not this one; a connection that sends nothing at all between requests is closed by the idle timeout
 * first, without a 408 that a client could take for the answer to its next request.
 *
 * <p>{@link RequestLimits} calls {@link #begin} when a request's header is complete and {@link #end} when its
 * answer is sent. Thread-safe.
 */
final class HeaderDeadlines implements Connection.Listener {
    private static final int WAITING = 0;
    private static final int HANDLING = 1;
    private static final int EXPIRED = 2;

    private final Scheduler scheduler;
    private final long firstMillis;
    private final long laterMillis;
    private final Map<Connection, Deadline> deadlines = new ConcurrentHashMap<>();

    HeaderDeadlines(Scheduler scheduler, Duration headerTimeout, Duration idleTimeout) {
        this.scheduler = scheduler;
        this.firstMillis = headerTimeout.toMillis();
        this.laterMillis = headerTimeout.plus(idleTimeout).toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof SslConnection) {
            // The HTTP connection over it is tracked instead; it opens with this one.
            return;
        }
        Deadline deadline = new Deadline(connection);
        deadlines.put(connection, deadline);
        deadline.arm(firstMillis);
    }

    @Override
    public void onClosed(Connection connection) {
        Deadline deadline = deadlines.remove(connection);
        if (deadline != null) {
            deadline.disarm();
        }
    }

    /** A request's header is complete: false if its connection's deadline has already passed. */
    boolean begin(Connection connection) {
        Deadline deadline = deadlines.get(connection);
        return deadline == null || deadline.begin();
    }

    /** A request's answer is sent: the next header on its connection gets a new deadline. */
    void end(Connection connection) {
        Deadline deadline = deadlines.get(connection);
        if (deadline != null) {
            deadline.arm(laterMillis);
        }
    }

    /** How many connections are tracked (for tests). */
    int tracked() {
        return deadlines.size();
    }

    private final class Deadline {
        private final Connection connection;
        private final AtomicInteger state = new AtomicInteger(HANDLING);
        private volatile Scheduler.@Nullable Task task;

        Deadline(Connection connection) {
            this.connection = connection;
        }

        void arm(long millis) {
            state.set(WAITING);
            task = scheduler.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
        }

        boolean begin() {
            if (!state.compareAndSet(WAITING, HANDLING)) {
                return false;
            }
            disarm();
            return true;
        }

        void disarm() {
            Scheduler.Task t = task;
            if (t != null) {
                t.cancel();
            }
        }

        private void expire() {
            if (!state.compareAndSet(WAITING, EXPIRED)) {
                return;
            }
            EndPoint endPoint = connection.getEndPoint();
            byte[] body = TemboardCodec.encodeError("Request Timeout").getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            ByteBuffer answer = ByteBuffer.allocate(head.length() + body.length);
            answer.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
            endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close(failure)), answer);
        }
    }
}
