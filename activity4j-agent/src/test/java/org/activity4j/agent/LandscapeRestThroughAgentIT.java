package org.activity4j.agent;

import java.net.URI;
import org.activity4j.client.LandscapeClient;
import org.activity4j.testkit.TestClock;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JWT from an access-key login: reads through the REST API ({@code GET /api/v2/activities}), cancel, approve
 * and the types through the legacy API with {@code Authorization: Bearer}, as Landscape's web UI does, over
 * the PostgreSQL store of the oldest and the newest major
 * ({@link org.activity4j.testkit.PostgresVersions#matrixEnds()}: the store itself is tested on every major).
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrixEnds")
class LandscapeRestThroughAgentIT extends LandscapeThroughAgentOnPostgres {
    @Override
    LandscapeClient client(URI endpoint, String account, TestClock clock) {
        return LandscapeClient.builder(endpoint)
                .accessKeyLogin("KEY-" + account, "secret-of-" + account)
                .restReads(true)
                .clock(clock)
                .build();
    }
}
