package org.activity4j.procstats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.activity4j.core.BackendProcess;
import org.junit.jupiter.api.Test;

class OshiProcessStatsTest {

    @Test
    void processThatIsNotPostgresHasNoFigures() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow();

        var stats = OshiProcessStats.create().sample(List.of(new BackendProcess((int) self.pid(), started)));

        assertThat(stats).doesNotContainKey((int) self.pid());
    }

    @Test
    void pidThatDoesNotExistHasNoFigures() {
        var stats = OshiProcessStats.create().sample(List.of(new BackendProcess(4_194_305, Instant.now())));

        assertThat(stats).isEmpty();
    }

    @Test
    void rejectsFirstSampleWindowOutOfRange() {
        assertThatThrownBy(() -> OshiProcessStats.builder().firstSampleWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
    }
}
