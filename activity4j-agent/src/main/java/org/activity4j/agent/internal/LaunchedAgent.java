package org.activity4j.agent.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.activity4j.agent.PasswordHash;
import org.activity4j.agent.ReferenceAgent;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.BackendInspector;
import org.activity4j.procstats.OshiProcessStats;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReferenceAgent} started from an {@link AgentConfig}, with the connection pools it owns: reads the
 * users and keys files and the TLS files, opens the pools (HikariCP; a PostgreSQL that cannot be reached fails
 * the start), starts the agent and logs what it serves. {@link #stop(Duration)} stops the agent gracefully,
 * then closes the pools.
 *
 * <pre>{@code
 * LaunchedAgent running = LaunchedAgent.start(AgentConfig.load(file, flags, System.getenv()));
 * Runtime.getRuntime().addShutdownHook(new Thread(() -> running.stop(Duration.ofSeconds(10))));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LaunchedAgent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LaunchedAgent.class.getName());

    private final ReferenceAgent agent;
    private final List<AutoCloseable> resources;

    private LaunchedAgent(ReferenceAgent agent, List<AutoCloseable> resources) {
        this.agent = agent;
        this.resources = resources;
    }

    /**
     * Starts the agent {@code config} describes.
     *
     * @throws ConfigException if a users, keys or TLS file is missing or bad
     * @throws IllegalStateException if a PostgreSQL cannot be reached
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public static LaunchedAgent start(AgentConfig config) {
        SSLContext tls = config.tls().map(LaunchedAgent::tls).orElse(null);
        ReferenceAgent.Builder builder = ReferenceAgent.builder()
                .bindAddress(config.address())
                .port(config.port())
                .maxThreads(config.limits().maxThreads())
                .maxQueuedRequests(config.limits().maxQueuedRequests())
                .acceptQueueSize(config.limits().acceptQueueSize())
                .idleTimeout(config.limits().idleTimeout())
                .headerTimeout(config.limits().headerTimeout())
                .maxHeaderBytes(config.limits().maxHeaderBytes())
                .maxHeaderCount(config.limits().maxHeaderCount());
        if (tls != null) {
            builder.https(tls);
        }
        List<String> serves = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            if (config.temboard().isPresent()) {
                AgentConfig.Temboard t = config.temboard().get();
                Map<String, PasswordHash> users = UsersFile.read(t.users());
                if (users.isEmpty()) {
                    LOG.log(Level.WARNING, "the users file {0} has no user: nobody can log in", t.users());
                }
                users.forEach(builder::userWithHash);
                HikariDataSource pool = pool("temboard", t.jdbc());
                resources.add(pool);
                BackendInspector.Builder inspector = BackendInspector.builder(pool);
                if (t.osFigures()) {
                    OshiProcessStats os = OshiProcessStats.create();
                    resources.add(os); // closes the /proc files it keeps open
                    inspector.processStats(os);
                }
                builder.backendInspector(inspector.build())
                        .sessionTimeout(t.sessionTimeout())
                        .loginDelay(t.loginDelay());
                t.signingKey().ifPresent(k -> builder.temboardSigningKey(TlsFiles.rsaPublicKey(k)));
                serves.add("temBoard API over " + t.jdbc() + ", " + users.size() + " user(s), OS figures "
                        + (t.osFigures() ? "on" : "off") + ", login delay "
                        + ConfigValues.format(t.loginDelay())
                        + t.signingKey()
                                .map(k -> ", signed API of temBoard 8+ for the key " + k)
                                .orElse(""));
            }
            if (config.landscape().isPresent()) {
                AgentConfig.Landscape l = config.landscape().get();
                if (PrivateFiles.readableByOthers(l.keys())) {
                    LOG.log(
                            Level.WARNING,
                            "the keys file {0} holds secrets and is readable by its group or others: chmod 600 it",
                            l.keys());
                }
                List<KeysFile.AccessKey> keys = KeysFile.read(l.keys());
                if (keys.isEmpty()) {
                    LOG.log(Level.WARNING, "the keys file {0} has no access key: no request can be signed", l.keys());
                }
                ActivityStore store;
                Optional<AgentConfig.Jdbc> jdbc = l.postgres();
                if (jdbc.isPresent()) {
                    HikariDataSource pool = pool("landscape", jdbc.get());
                    resources.add(pool);
                    store = ActivityStores.postgres(pool, l.schema(), Clock.systemUTC());
                } else {
                    store = ActivityStores.inMemory();
                }
                builder.activityStore(store).signatureWindow(l.signatureWindow());
                keys.forEach(k -> builder.accessKey(k.keyId(), k.secret(), k.account()));
                Map<String, LandscapeUsersFile.User> people =
                        l.users().map(LandscapeUsersFile::read).orElse(Map.of());
                if (l.users().isPresent() && people.isEmpty()) {
                    LOG.log(
                            Level.WARNING,
                            "the Landscape users file {0} has no one: nobody can log in",
                            l.users().get());
                }
                people.forEach((email, u) -> builder.landscapeUserWithHash(email, u.hash(), u.account()));
                l.tokenSecret().ifPresent(t -> builder.landscapeTokenSecret(t.getBytes(StandardCharsets.UTF_8)));
                serves.add("Landscape API at " + ReferenceAgent.LANDSCAPE_PATH + " over "
                        + jdbc.map(j -> "the PostgreSQL store " + j + ", schema " + l.schema())
                                .orElse("the in-memory store (lost on stop)")
                        + ", " + keys.size() + " access key(s), " + people.size() + " person(s), login tokens "
                        + (l.tokenSecret().isPresent() ? "signed with the configured secret" : "end at restart"));
            }
            ReferenceAgent agent = builder.start();
            LOG.log(
                    Level.INFO,
                    "activity4j agent listening on {0} ({1}); serving {2}",
                    agent.uri(),
                    config.tls().map(t -> "TLS from " + t).orElse("plain HTTP, no TLS"),
                    String.join("; ", serves));
            return new LaunchedAgent(agent, resources);
        } catch (RuntimeException e) {
            closeAll(resources, e);
            throw e;
        }
    }

    /** The running agent. */
    public ReferenceAgent agent() {
        return agent;
    }

    /** Stops the agent gracefully (requests in flight get {@code grace} to finish), then closes the pools. */
    public void stop(Duration grace) {
        LOG.log(Level.INFO, "activity4j agent stopping, {0} for requests in flight", ConfigValues.format(grace));
        try {
            agent.stop(grace);
        } finally {
            closeAll(resources, null);
        }
        LOG.log(Level.INFO, "activity4j agent stopped");
    }

    /** Stops at once. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static SSLContext tls(AgentConfig.Tls tls) {
        if (tls instanceof AgentConfig.KeyStoreTls k) {
            return TlsFiles.fromPkcs12(k.keyStore(), k.password().toCharArray());
        }
        AgentConfig.PemTls p = (AgentConfig.PemTls) tls;
        return TlsFiles.fromPem(p.certificate(), p.key());
    }

    private static HikariDataSource pool(String name, AgentConfig.Jdbc jdbc) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("activity4j-" + name);
        c.setJdbcUrl(jdbc.url());
        jdbc.user().ifPresent(c::setUsername);
        jdbc.password().ifPresent(c::setPassword);
        c.setMaximumPoolSize(jdbc.poolSize());
        c.setMinimumIdle(1);
        c.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        c.addDataSourceProperty("ApplicationName", "activity4j-agent");
        try {
            return new HikariDataSource(c);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(
                    "cannot connect to " + name + ".jdbc-url " + jdbc.safeUrl() + ": " + cause.getMessage(), e);
        }
    }

    private static void closeAll(List<AutoCloseable> resources, @Nullable Throwable failure) {
        @Nullable RuntimeException first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = new IllegalStateException("cannot close " + resources.get(i), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
