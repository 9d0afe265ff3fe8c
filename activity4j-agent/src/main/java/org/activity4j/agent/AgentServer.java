package org.activity4j.agent;

import com.sun.net.httpserver.HttpHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * The agent's HTTP server: Jetty, configured with the limits a deployed server needs, running the agent's
 * {@code com.sun.net.httpserver} handler through Jetty's {@code jetty-http-spi} bridge. Connections are
 * served by Jetty's selectors, so slow or idle connections hold no thread; requests run on a pool of {@link
 * Limits#maxThreads()} threads, at most {@code maxThreads - 3} at once (see {@link #NON_REQUEST_THREADS}),
 * and at most {@link Limits#maxQueuedRequests()} more wait for a thread (up to {@link #MAX_QUEUED}); the rest
 * are answered 503. Sets no system property.
 */
final class AgentServer {
    private static final System.Logger LOG = System.getLogger(AgentServer.class.getName());

    /**
     * The pool's threads that never serve a request: the acceptor, the selector, and one kept free to admit
     * or refuse new requests (a request waits in QoSHandler without a thread, but needs one to get there).
     */
    static final int NON_REQUEST_THREADS = 3;

    /** The longest a request waits for a thread before it is answered 503. */
    static final Duration MAX_QUEUED = Duration.ofSeconds(30);

    private final Server server;
    private final ServerConnector connector;
    private final boolean https;

    private AgentServer(Server server, ServerConnector connector, boolean https) {
        this.server = server;
        this.connector = connector;
        this.https = https;
    }

    /** The limits of one server; see the setters of {@link ReferenceAgent.Builder} for each. */
    record Limits(
            int maxThreads,
            int maxQueuedRequests,
            int acceptQueueSize,
            Duration idleTimeout,
            Duration headerTimeout,
            int maxHeaderBytes,
            int maxHeaderCount) {}

    /** Binds {@code address:port} and starts serving {@code handler} at {@code /}. */
    static AgentServer start(
            InetAddress address, int port, @Nullable SSLContext tls, Limits limits, HttpHandler handler)
            throws Exception {
        // Jetty's own tasks share this pool, so its queue stays unbounded (Jetty warns against a bounded
        // one); QoSHandler below bounds the requests instead.
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
        threads.setReservedThreads(0);
        threads.setName("activity4j-agent");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopAtShutdown(false);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // RFC 9110 and 9112 to the letter: not even the bare-LF line ends that RFC 9112 lets a server
        // accept (ambiguous framing is what request smuggling through a proxy is made of).
        http.setHttpCompliance(HttpCompliance.STRICT);
        HttpConnectionFactory http11 = new HttpConnectionFactory(http);
        ServerConnector connector;
        if (tls == null) {
            connector = new ServerConnector(server, 1, 1, http11);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, http11.getProtocol()), http11);
        }
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setAcceptQueueSize(limits.acceptQueueSize());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        HeaderDeadlines deadlines =
                new HeaderDeadlines(server.getScheduler(), limits.headerTimeout(), limits.idleTimeout());
        connector.addEventListener(deadlines);
        server.addConnector(connector);

        ContextHandlerCollection contexts = new ContextHandlerCollection();
        QoSHandler requests = new QoSHandler(new GracefulHandler(contexts));
        requests.setMaxRequestCount(limits.maxThreads() - NON_REQUEST_THREADS);
        requests.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
        requests.setMaxSuspend(MAX_QUEUED);
        server.setHandler(new RequestLimits(deadlines, limits.maxHeaderCount(), requests));
        server.setErrorHandler(new JsonErrors());
        server.start();
        try {
            new JettyHttpServer(server, true).createContext("/", handler);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return new AgentServer(server, connector, tls != null);
    }

    /**
     * Runs {@code task} every {@code period} on Jetty's scheduler thread until the server stops. A task that
     * throws is logged and runs again at its next time.
     */
    void every(Duration period, Runnable task) {
        Scheduler scheduler = server.getScheduler();
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            if (!server.isRunning()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the agent's housekeeping failed; it runs again later", e);
            }
            scheduler.schedule(again[0], period.toMillis(), TimeUnit.MILLISECONDS);
        };
        scheduler.schedule(again[0], period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The address and port it listens on. */
    InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    boolean https() {
        return https;
    }

    /**
     * Stops accepting connections, lets the requests in flight finish for up to {@code grace}, then closes
     * every connection. {@link Duration#ZERO} stops at once.
     */
    void stop(Duration grace) {
        server.setStopTimeout(grace.toMillis());
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the agent's HTTP server did not stop cleanly", e);
        }
    }
}
