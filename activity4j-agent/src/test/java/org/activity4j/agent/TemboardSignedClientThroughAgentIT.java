package org.activity4j.agent;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.BackendInspectorContract;
import org.activity4j.testkit.PostgresMatrixEnds;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link TemboardSignedClient} (the signed API of temBoard agents 8 to 10) through the {@link ReferenceAgent}
 * over the PostgreSQL inspector behaves as the inspector, on the oldest and the newest PostgreSQL of the test matrix
 * ({@link PostgresMatrixEnds}; the PostgreSQL inspector itself passes the contract on every major).
 */
@PostgresMatrixEnds
class TemboardSignedClientThroughAgentIT extends BackendInspectorContract {
    private static final KeyPair KEYS = rsa();

    private final List<AutoCloseable> open = new ArrayList<>();

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

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
