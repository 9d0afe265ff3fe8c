package org.activity4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExplicitServerTest {

    @Test
    void takesUserAndPasswordFromTheUrl() {
        ExplicitServer server = ExplicitServer.parse(
                "jdbc:postgresql://db.example:5433/postgres?user=admin&password=s3cret&sslmode=disable", "TEST");

        assertThat(server.user()).isEqualTo("admin");
        assertThat(server.password()).isEqualTo("s3cret");
        assertThat(server.jdbcUrl("a4j_1")).isEqualTo("jdbc:postgresql://db.example:5433/a4j_1");
        assertThat(server.description()).contains("db.example:5433").contains("TEST");
    }

    @Test
    void rejectsUrlsOfOtherDrivers() {
        assertThatThrownBy(() -> ExplicitServer.parse("jdbc:mysql://db/x", "ACTIVITY4J_PG_URL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ACTIVITY4J_PG_URL")
                .hasMessageContaining("jdbc:mysql://db/x");
    }
}
