package org.activity4j.agent;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.BackendInspectorContract;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link TemboardSignedClient#withoutProcessStats()} (no {@code GET /activity}) through the {@link ReferenceAgent}
 * over the PostgreSQL inspector behaves as the inspector, on every PostgreSQL of the test matrix: the same
 * contract as {@link TemboardSignedClientThroughAgentIT}, whose inspector has no OS figures either.
 */
class TemboardSignedViewThroughAgentIT extends BackendInspectorContract {
    private static final KeyPair KEYS = TemboardSignedClientThroughAgentIT.rsa();

    private final List<AutoCloseable> open = new ArrayList<>();

    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        ReferenceAgent agent = ReferenceAgent.builder()
                .backendInspector(BackendInspector.postgres(dataSource))
                .temboardSigningKey(KEYS.getPublic())
                .start();
        open.add(agent);
        TemboardSignedClient client = TemboardSignedClient.builder(agent.uri())
                .signWith("alice", KEYS.getPrivate())
                .build();
        open.add(client);
        return client.withoutProcessStats();
    }

    @AfterEach
    void closeClientsThenAgents() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
