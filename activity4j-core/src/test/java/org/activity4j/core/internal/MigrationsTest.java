package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void theBaselineEndsWithTheTrigramIndexScriptVerbatim() {
        String baseline = Migrations.script("s", 1).sql();

        assertThat(baseline).contains(Migrations.trigramIndexes("s").strip());
        assertThat(baseline).doesNotContain("CREATE EXTENSION");
    }

    @Test
    void timeoutsAreWholeMillisecondsRoundedUpAndZeroSetsNothing() {
        assertThat(Jdbc.timeout("lock_timeout", Duration.ofSeconds(5))).isEqualTo("SET LOCAL lock_timeout = 5000");
        assertThat(Jdbc.timeout("statement_timeout", Duration.ofNanos(1))).isEqualTo("SET LOCAL statement_timeout = 1");
        assertThat(Jdbc.timeout("statement_timeout", Duration.ZERO)).isEmpty();
        assertThat(Jdbc.settings("", "SET LOCAL a = 1", "", "SET LOCAL b = 2"))
                .isEqualTo("SET LOCAL a = 1; SET LOCAL b = 2");
    }
}
