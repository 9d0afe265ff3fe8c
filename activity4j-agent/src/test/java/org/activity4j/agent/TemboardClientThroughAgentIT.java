package org.activity4j.agent;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.BackendInspectorContract;
import org.activity4j.testkit.PostgresMatrixEnds;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link TemboardAgentClient} through the {@link ReferenceAgent} over the PostgreSQL inspector behaves as the
 * inspector, on the oldest and the newest PostgreSQL of the test matrix ({@link PostgresMatrixEnds}; the
 * PostgreSQL inspector itself passes the contract on every major).
 */
@PostgresMatrixEnds
class TemboardClientThroughAgentIT extends BackendInspectorContract {
    private final List<AutoCloseable> open = new ArrayList<>();

    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        ReferenceAgent agent = ReferenceAgent.builder()
                .backendInspector(BackendInspector.postgres(dataSource))
                .user("alice", "s3cret-pass")
                .start();
        open.add(agent);
        TemboardAgentClient client = TemboardAgentClient.builder(agent.uri())
                .credentials("alice", "s3cret-pass")
                .build();
        open.add(client);
        return client;
    }

    @AfterEach
    void closeClientsThenAgents() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
