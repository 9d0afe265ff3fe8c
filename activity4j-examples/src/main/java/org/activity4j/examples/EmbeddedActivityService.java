package org.activity4j.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.SchemaMode;
import org.activity4j.micrometer.BackendInspectorMetrics;
import org.activity4j.micrometer.MeteredActivityStore;
import org.activity4j.micrometer.MeteredBackendInspector;
import org.activity4j.query.QueryCriteria;

/**
 * The README's "Embedding in a service": what a service (Spring Boot, Quarkus or plain) wires at startup. A
 * HikariCP pool of the service's runtime role, the activity store on a schema the service's own migrations
 * created ({@link SchemaMode#VALIDATE}: no DDL, the runtime role needs no {@code CREATE}), time bounds on
 * every statement, and the service's Micrometer registry timing the store and sampling the backends.
 *
 * <pre>{@code
 * try (EmbeddedActivityService service = EmbeddedActivityService.start(url, "app", password, registry)) {
 *     List<Activity> failed = service.failedActivities();
 * }
 * }</pre>
 */
public final class EmbeddedActivityService implements AutoCloseable {
    private final HikariDataSource pool;
    private final ActivityStore store;
    private final BackendInspector inspector;
    private final BackendInspectorMetrics metrics;

    private EmbeddedActivityService(
            HikariDataSource pool, ActivityStore store, BackendInspector inspector, BackendInspectorMetrics metrics) {
        this.pool = pool;
        this.store = store;
        this.inspector = inspector;
        this.metrics = metrics;
    }

    /**
     * Connects as {@code user} and validates the schema {@code activity4j}.
     *
     * @throws org.activity4j.core.ActivityStoreException if the schema is missing or at another version
     */
    public static EmbeddedActivityService start(String jdbcUrl, String user, String password, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(5_000); // a pool wait has a bound too
        HikariDataSource pool = new HikariDataSource(config);
        try {
            PostgresStoreOptions options = PostgresStoreOptions.builder()
                    .schema(ActivityStores.DEFAULT_SCHEMA)
                    .schemaMode(SchemaMode.VALIDATE) // the service's Flyway/Liquibase owns the DDL
                    .statementTimeout(Duration.ofSeconds(10)) // pages and other reads
                    .lockTimeout(Duration.ofSeconds(2)) // cancel, approve: fail fast behind a held row lock
                    .build();
            ActivityStore store = MeteredActivityStore.of(ActivityStores.postgres(pool, options), registry);
            BackendInspector inspector = MeteredBackendInspector.of(
                    BackendInspector.builder(pool)
                            .statementTimeout(Duration.ofSeconds(3))
                            .build(),
                    registry);
            BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
                    .minInterval(Duration.ofSeconds(15)) // at most one inspection per 15 s, however often scraped
                    .tags(Tags.of("server", "main"))
                    .build();
            metrics.bindTo(registry);
            return new EmbeddedActivityService(pool, store, inspector, metrics);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The first page (20) of failed activities. */
    public List<Activity> failedActivities() {
        return store.getActivities(QueryCriteria.parse("status:failed"), 20, 0);
    }

    /** The server's client backends now. */
    public List<Backend> backends() {
        return inspector.activity();
    }

    /** The store, for the service's other calls. */
    public ActivityStore store() {
        return store;
    }

    /** Unbinds the gauges and closes the pool. */
    @Override
    public void close() {
        metrics.close();
        pool.close();
    }
}
