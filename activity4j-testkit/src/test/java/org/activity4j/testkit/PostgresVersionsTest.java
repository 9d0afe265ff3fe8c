package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresVersionsTest {

    @Test
    void endsOfThreeOrMoreMajorsAreTheOldestAndTheNewest() {
        assertThat(PostgresVersions.ends(PostgresVersions.supported())).containsExactly(12, 18);
        assertThat(PostgresVersions.ends(List.of(13, 15, 17))).containsExactly(13, 17);
    }

    @Test
    void endsOfOneOrTwoMajorsAreThoseMajors() {
        assertThat(PostgresVersions.ends(List.of(16))).containsExactly(16);
        assertThat(PostgresVersions.ends(List.of(13, 17))).containsExactly(13, 17);
    }

    @Test
    void everyMajorSettingIsTrueOrFalseInAnyCase() {
        assertThat(PostgresVersions.parseBoolean("true")).isTrue();
        assertThat(PostgresVersions.parseBoolean("TRUE")).isTrue();
        assertThat(PostgresVersions.parseBoolean("False")).isFalse();
    }

    @Test
    void everyMajorSettingRejectsAnythingElseNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PostgresVersions.parseBoolean("yes"))
                .withMessageContaining("ACTIVITY4J_PG_EVERY_MAJOR")
                .withMessageEndingWith(": yes");
    }
}
