package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
            BackendInspector inspector = BackendInspector.postgres(new OneConnectionDataSource(connection));

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
            BackendInspector inspector = BackendInspector.postgres(new OneConnectionDataSource(connection));

            List<SignalResult> results = inspector.terminate(List.of(superuserSession.pid(), 4_194_305));

            assertThat(results)
                    .extracting(SignalResult::outcome)
                    .containsExactly(Outcome.INSUFFICIENT_PRIVILEGE, Outcome.NOT_A_BACKEND);
        }
    }
}
