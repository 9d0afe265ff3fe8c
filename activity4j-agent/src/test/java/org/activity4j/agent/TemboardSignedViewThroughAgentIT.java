package org.activity4j.agent;

import javax.sql.DataSource;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.BackendInspector;

/**
 * {@link TemboardSignedClient#withoutProcessStats()} (no {@code GET /activity}) through the {@link ReferenceAgent}
 * over the PostgreSQL inspector behaves as the inspector, on every PostgreSQL of the test matrix: the contract of
 * {@link TemboardSignedClientThroughAgentIT}, whose inspector has no OS figures either, through the client's view.
 */
class TemboardSignedViewThroughAgentIT extends TemboardSignedClientThroughAgentIT {
    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        return super.inspector(dataSource).withoutProcessStats();
    }
}
