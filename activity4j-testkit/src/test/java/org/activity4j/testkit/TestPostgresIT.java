package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

class TestPostgresIT {

    @Test
    void matrixIsEveryVersionFrom12To18ByDefault() {
        assertThat(PostgresVersions.supported()).containsExactly(12, 13, 14, 15, 16, 17, 18);
    }

    @PostgresMatrixTest
    void serverRunsTheMajorVersionOfItsInvocation(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT current_setting('server_version_num')::int / 10000, current_database()")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(db.server().major());
            assertThat(rs.getString(2)).isEqualTo(db.name());
        }
    }

    @PostgresMatrixTest
    void newSessionHasRunNoQuery(TestDatabase db) throws SQLException {
        TestSession session = db.openSession();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT query, query_start FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, session.pid());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEmpty();
                assertThat(rs.getObject(2)).isNull();
            }
        }
    }

    @PostgresMatrixTest
    void eachTestGetsAnEmptyDatabase(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        db.execute("CREATE TABLE t (id int)");
    }

    @PostgresMatrixTest
    void closingDropsTheDatabaseAndItsRoles(TestDatabase db) throws SQLException {
        TestDatabase other = db.server().createDatabase();
        TestRole role = other.createRole("pg_monitor");

        other.close();

        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT (SELECT count(*) FROM pg_database WHERE datname = ?)"
                        + " + (SELECT count(*) FROM pg_roles WHERE rolname = ?)")) {
            s.setString(1, other.name());
            s.setString(2, role.name());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void sameVersionIsStartedOncePerJvm() {
        assertThat(TestPostgres.of(PostgresVersions.matrix().get(0)))
                .isSameAs(TestPostgres.of(PostgresVersions.matrix().get(0)));
    }

    /** A {@link PostgresMatrixEnds} class's matrix tests run on the two ends, nested ones included. */
    @Nested
    @PostgresMatrixEnds
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnTheEnds {
        private final List<Integer> seen = new CopyOnWriteArrayList<>();

        @PostgresMatrixTest
        void runsOnceOnEachEnd(TestDatabase db) {
            seen.add(db.server().major());
        }

        @Nested
        class Inner {
            @PostgresMatrixTest
            void runsOnAnEndToo(TestDatabase db) {
                assertThat(PostgresVersions.matrixEnds()).contains(db.server().major());
            }
        }

        @AfterAll
        void ranOnTheEndsOnly() {
            assertThat(seen).containsExactlyElementsOf(PostgresVersions.matrixEnds());
        }
    }
}
