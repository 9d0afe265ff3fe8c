package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgreSQL store passes the activity service contract on every major of the test matrix. Each test
 * gets a fresh schema in one database per server.
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrix")
class PostgresActivityStoreIT extends ActivityServiceContract {
    private static final Map<Integer, TestDatabase> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @Parameter
    int major;

    /** 8 x 400 transactions per server: each opens a connection, so this keeps the matrix quick. */
    @Override
    protected int operationsPerThread() {
        return 400;
    }

    @Override
    protected ActivityStore newStore(TestClock clock) {
        return ActivityStores.postgres(database().dataSource(), "contract_" + SCHEMAS.incrementAndGet(), clock);
    }

    private TestDatabase database() {
        return DATABASES.computeIfAbsent(major, m -> TestPostgres.of(m).createDatabase());
    }

    /**
     * With pgjdbc in autocommit mode and no statement timeout of the store's own, a page is one statement
     * that is never prepared on the server, so that PostgreSQL plans it for its values every time;
     * statements that are not pages still are, after pgjdbc's five runs.
     */
    @Test
    void pagesAreNeverPreparedOnTheServer() throws SQLException {
        try (OneConnectionDataSource one =
                new OneConnectionDataSource(database().dataSource().getConnection())) {
            ActivityStore s = ActivityStores.postgres(
                    one,
                    org.activity4j.core.PostgresStoreOptions.builder()
                            .schema("unprepared_" + SCHEMAS.incrementAndGet())
                            .clock(clock)
                            .statementTimeout(java.time.Duration.ZERO)
                            .build());
            register(s);
            long id = s.createActivity(activity("RestartRequest", JANE).build()).id();
            for (int i = 0; i < 10; i++) {
                assertThat(ids(s.getActivities(QueryCriteria.parse("status:undelivered"), 20, 0)))
                        .containsExactly(id);
                assertThat(s.activity(id)).isPresent();
            }

            List<String> prepared = Rows.strings(one, "SELECT statement FROM pg_prepared_statements");
            assertThat(prepared).anyMatch(sql -> sql.contains("a.id = $2"));
            assertThat(prepared).noneMatch(sql -> sql.contains("activity_rows"));
        }
    }

    /** On a connection whose autocommit is off a page runs in its own transaction, ended when it returns. */
    @Test
    void pagesOnAConnectionWithoutAutocommitAreTheSameAndEndTheirTransaction() throws SQLException {
        String schema = "no_autocommit_" + SCHEMAS.incrementAndGet();
        ActivityStore pooled = ActivityStores.postgres(database().dataSource(), schema, clock);
        register(pooled);
        for (int i = 0; i < 30; i++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            pooled.createActivity(activity(i % 2 == 0 ? "RestartRequest" : "ShutdownRequest", i % 3 == 0 ? JANE : JOHN)
                    .summary("Job " + i)
                    .requiresApproval(i % 4 == 0)
                    .build());
        }
        Connection c = database().dataSource().getConnection();
        c.setAutoCommit(false);
        try (OneConnectionDataSource one = new OneConnectionDataSource(c)) {
            ActivityStore single = ActivityStores.postgres(one, schema, clock);
            for (String query : List.of("", "status:unapproved", "type:RestartRequest", "job", "job 1", "NOT job1")) {
                for (int offset : new int[] {0, 5, 40}) {
                    QueryCriteria q = QueryCriteria.parse(query);
                    assertThat(ids(single.getActivities(q, 7, offset)))
                            .as("%s at %d", query, offset)
                            .containsExactlyElementsOf(ids(pooled.getActivities(q, 7, offset)));
                    assertThat(Rows.strings(one, "SHOW plan_cache_mode")).containsExactly("auto");
                    c.rollback();
                }
            }
        }
    }
}
