package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStoreException;
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

    /**
     * A stream's pages are prepared on the server from the first (so that pgjdbc reads their rows in binary),
     * yet every page is planned for its own values: no generic plan, even after pgjdbc's and PostgreSQL's
     * five runs; the connection's {@code plan_cache_mode} is left as it was.
     */
    @Test
    void streamPagesArePreparedOnTheServerYetPlannedForTheirValues() throws SQLException {
        try (OneConnectionDataSource one =
                new OneConnectionDataSource(database().dataSource().getConnection())) {
            ActivityStore s = ActivityStores.postgres(one, "prepared_stream_" + SCHEMAS.incrementAndGet(), clock);
            register(s);
            for (int i = 0; i < 30; i++) {
                clock.advance(java.time.Duration.ofMinutes(1));
                s.createActivity(activity("RestartRequest", JANE)
                        .requiresApproval(i % 3 == 0)
                        .build());
            }
            List<org.activity4j.core.Activity> all = s.getActivities(QueryCriteria.parse("status:unapproved"), 100, 0);
            try (java.util.stream.Stream<org.activity4j.core.Activity> stream =
                    s.streamActivities(QueryCriteria.parse("status:unapproved"), 1)) {
                assertThat(stream.toList()).isEqualTo(all).hasSize(10);
            }

            // The statement of the pages after the first: ten of them, the last one empty.
            String page = " FROM pg_prepared_statements"
                    + " WHERE statement LIKE '%SELECT ARRAY(SELECT s.id FROM%(s.creation_time, s.id) < ($%'";
            assertThat(Rows.strings(one, "SELECT count(*)" + page)).containsExactly("1");
            if (major >= 14) {
                assertThat(Rows.strings(one, "SELECT generic_plans || ' ' || custom_plans" + page))
                        .containsExactly("0 10");
            }
            assertThat(Rows.strings(one, "SHOW plan_cache_mode")).containsExactly("auto");
        }
    }

    /**
     * A stream page reads its creators in a second statement: a creator missing from the table (a row removed
     * by hand; the store never deletes one) fails the page, naming it, rather than dropping the activity.
     */
    @Test
    void aStreamPageWhoseCreatorWasRemovedByHandFailsNamingIt() {
        String schema = "removed_creator_" + SCHEMAS.incrementAndGet();
        ActivityStore s = ActivityStores.postgres(database().dataSource(), schema, clock);
        register(s);
        s.createActivity(activity("RestartRequest", JANE).build());
        long id = s.createActivity(activity("RestartRequest", JOHN).build()).id();
        database().execute("DELETE FROM " + schema + ".person WHERE id = " + JOHN.id());

        try (Stream<Activity> stream = s.streamActivities(QueryCriteria.all(), 10)) {
            assertThatThrownBy(stream::toList)
                    .isInstanceOf(ActivityStoreException.class)
                    .hasMessageContaining("the creator " + JOHN.id() + " of activity " + id);
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

    /**
     * A stream holds no connection between pages: with a data source that gives out one connection at a
     * time, the store answers other calls while a stream is open and after it was closed early.
     */
    @Test
    void aStreamHoldsNoConnectionBetweenPagesAndClosingEarlyLeavesThePoolUsable() {
        OnePermitDataSource one = new OnePermitDataSource(database().dataSource());
        ActivityStore s = ActivityStores.postgres(one, "one_permit_" + SCHEMAS.incrementAndGet(), clock);
        register(s);
        for (int i = 0; i < 10; i++) {
            clock.advance(java.time.Duration.ofMinutes(1));
            s.createActivity(activity("RestartRequest", JANE).build());
        }
        List<org.activity4j.core.Activity> all = s.getActivities(QueryCriteria.all(), 100, 0);
        try (java.util.stream.Stream<org.activity4j.core.Activity> stream =
                s.streamActivities(QueryCriteria.all(), 3)) {
            java.util.Iterator<org.activity4j.core.Activity> it = stream.iterator();
            assertThat(it.next()).isEqualTo(all.get(0));
            assertThat(it.next()).isEqualTo(all.get(1));
            assertThat(it.next()).isEqualTo(all.get(2));
            assertThat(it.next()).isEqualTo(all.get(3));
            assertThat(one.open()).isZero();
            assertThat(s.getActivities(QueryCriteria.all(), 100, 0)).isEqualTo(all);
        }
        assertThat(one.open()).isZero();
        assertThat(s.streamActivities(QueryCriteria.all(), 4).count()).isEqualTo(10);
        assertThat(one.opened()).isGreaterThan(1);
    }

    /** Gives out at most one connection of {@code pool} at a time, as a pool of one that never waits. */
    private static final class OnePermitDataSource implements javax.sql.DataSource {
        private final javax.sql.DataSource pool;
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger opened = new AtomicInteger();

        OnePermitDataSource(javax.sql.DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new java.sql.SQLFeatureNotSupportedException("one permit only");
        }

        @Override
        public java.io.PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }

        int open() {
            return open.get();
        }

        int opened() {
            return opened.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!open.compareAndSet(0, 1)) {
                throw new SQLException("pool of one exhausted: a connection is still open");
            }
            opened.incrementAndGet();
            Connection c;
            try {
                c = pool.getConnection();
            } catch (SQLException | RuntimeException e) {
                open.set(0);
                throw e;
            }
            java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                            open.set(0);
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
