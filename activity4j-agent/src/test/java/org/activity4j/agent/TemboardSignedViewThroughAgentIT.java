package org.activity4j.agent;

import javax.sql.DataSource;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.PostgresMatrixEnds;

/**
 * {@link TemboardSignedClient#withoutProcessStats()} (no {@code GET /activity}) through the {@link ReferenceAgent}
 * over the PostgreSQL inspector behaves as the inspector: the contract of {@link TemboardSignedClientThroughAgentIT},
 * whose inspector has no OS figures either, through the client's view. Like that class, it runs on the oldest and
 * the newest PostgreSQL of the test matrix ({@link PostgresMatrixEnds} is inherited; the PostgreSQL inspector itself
 * passes the contract on every major).
 */
class TemboardSignedViewThroughAgentIT extends TemboardSignedClientThroughAgentIT {
    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        return super.inspector(dataSource).withoutProcessStats();
    }
}
