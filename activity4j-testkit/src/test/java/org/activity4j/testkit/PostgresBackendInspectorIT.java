package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.SignalResult;
import org.activity4j.core.SignalResult.Outcome;
import org.postgresql.PGConnection;

/** The PostgreSQL (JDBC) inspector of core passes the contract on every major version, and more. */
class PostgresBackendInspectorIT extends BackendInspectorContract {
    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        return BackendInspector.postgres(dataSource);
    }

    @PostgresMatrixTest
    void neverSignalsItsOwnConnection(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            int own = connection.unwrap(PGConnection.class).getBackendPID();
            BackendInspector inspector = BackendInspector.postgres(new OneConnection(connection));

            List<SignalResult> results = inspector.terminate(List.of(own));

            assertThat(results).extracting(SignalResult::outcome).containsExactly(Outcome.OWN_CONNECTION);
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @PostgresMatrixTest
    void leavesAutocommitOffConnectionsUsable(TestDatabase db) throws SQLException {
        TestSession superuserSession = db.openSession();
        TestRole plain = db.createRole();
        try (Connection connection = db.dataSource(plain).getConnection()) {
            connection.setAutoCommit(false);
            BackendInspector inspector = BackendInspector.postgres(new OneConnection(connection));

            List<SignalResult> results = inspector.terminate(List.of(superuserSession.pid(), 4_194_305));

            assertThat(results)
                    .extracting(SignalResult::outcome)
                    .containsExactly(Outcome.INSUFFICIENT_PRIVILEGE, Outcome.NOT_A_BACKEND);
        }
    }

    /** A DataSource that hands out one connection, which its users cannot close. */
    private static final class OneConnection implements DataSource {
        private final Connection connection;

        OneConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("one connection only");
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            throw new SQLFeatureNotSupportedException("no log writer");
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            throw new SQLFeatureNotSupportedException("no log writer");
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            throw new SQLFeatureNotSupportedException("no login timeout");
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper of " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
