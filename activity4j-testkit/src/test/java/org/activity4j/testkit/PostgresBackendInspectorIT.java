package org.activity4j.testkit;

import javax.sql.DataSource;
import org.activity4j.core.BackendInspector;

/** The PostgreSQL (JDBC) inspector of core passes the contract on every major version. */
class PostgresBackendInspectorIT extends BackendInspectorContract {
    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        return BackendInspector.postgres(dataSource);
    }
}
