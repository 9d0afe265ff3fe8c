package org.activity4j.agent;

import java.net.URI;
import org.activity4j.client.LandscapeClient;
import org.activity4j.testkit.TestClock;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The legacy API, every request signed (signature version 2), over the PostgreSQL store of the
 * oldest and the newest major ({@link org.activity4j.testkit.PostgresVersions#matrixEnds()}: the store itself is
 * tested on every major). */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrixEnds")
class LandscapeSignedThroughAgentIT extends LandscapeThroughAgentOnPostgres {
    @Override
    LandscapeClient client(URI endpoint, String account, TestClock clock) {
        return LandscapeClient.builder(endpoint)
                .accessKey("KEY-" + account, "secret-of-" + account)
                .clock(clock)
                .build();
    }
}
