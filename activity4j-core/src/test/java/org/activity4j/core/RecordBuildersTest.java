package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.activity4j.query.ActivityStatus;
import org.junit.jupiter.api.Test;

class RecordBuildersTest {
    private static final Person JANE = new Person(5, "Jane Doe", "jane@example.com");
    private static final Instant CREATED = Instant.parse("2024-01-01T10:00:00Z");

    private static Activity everyActivityPart() {
        return Activity.builder(86, "ChangePackagesRequest", ActivityStatus.SUCCEEDED, JANE, CREATED)
                .parentId(85)
                .computerId(3)
                .summary("Install python-twisted-conch")
                .resultText("done")
                .resultCode(0)
                .progress(100)
                .deliveryTime(CREATED.plusSeconds(1))
                .completionTime(CREATED.plusSeconds(2))
                .modificationTime(CREATED.plusSeconds(3))
                .approvalTime(CREATED.plusSeconds(4))
                .deliverAfterTime(CREATED.plusSeconds(5))
                .detail("package_ids", JsonValue.array(List.of(JsonValue.of(36))))
                .build();
    }

    @Test
    void activityBuilderSetsEveryComponent() {
        assertThat(everyActivityPart())
                .isEqualTo(new Activity(
                        86,
                        OptionalLong.of(85),
                        OptionalLong.of(3),
                        JANE,
                        "ChangePackagesRequest",
                        ActivityStatus.SUCCEEDED,
                        "Install python-twisted-conch",
                        Optional.of("done"),
                        OptionalInt.of(0),
                        OptionalInt.of(100),
                        CREATED,
                        Optional.of(CREATED.plusSeconds(1)),
                        Optional.of(CREATED.plusSeconds(2)),
                        CREATED.plusSeconds(3),
                        Optional.of(CREATED.plusSeconds(4)),
                        Optional.of(CREATED.plusSeconds(5)),
                        Map.of("package_ids", JsonValue.array(List.of(JsonValue.of(36))))));
    }

    @Test
    void activityBuilderStartsEmptyAndModifiedAtCreation() {
        Activity a = Activity.builder(1, "RestartRequest", ActivityStatus.UNDELIVERED, JANE, CREATED)
                .build();

        assertThat(a.parentId()).isEmpty();
        assertThat(a.computerId()).isEmpty();
        assertThat(a.summary()).isEmpty();
        assertThat(a.resultText()).isEmpty();
        assertThat(a.resultCode()).isEmpty();
        assertThat(a.progress()).isEmpty();
        assertThat(a.deliveryTime()).isEmpty();
        assertThat(a.completionTime()).isEmpty();
        assertThat(a.approvalTime()).isEmpty();
        assertThat(a.deliverAfterTime()).isEmpty();
        assertThat(a.details()).isEmpty();
        assertThat(a.modificationTime()).isEqualTo(CREATED);
    }

    @Test
    void activityToBuilderRoundTrips() {
        Activity a = everyActivityPart();

        assertThat(a.toBuilder().build()).isEqualTo(a);
    }

    @Test
    void activityToBuilderChangesOnlyWhatIsSet() {
        Activity a = everyActivityPart();

        Activity failed =
                a.toBuilder().status(ActivityStatus.FAILED).resultCode(1).build();

        assertThat(failed.status()).isEqualTo(ActivityStatus.FAILED);
        assertThat(failed.resultCode()).hasValue(1);
        assertThat(failed.toBuilder()
                        .status(a.status())
                        .resultCode(a.resultCode())
                        .build())
                .isEqualTo(a);
    }

    @Test
    void activityBuilderValidatesAsTheConstructor() {
        assertThatThrownBy(() -> Activity.builder(1, "RestartRequest", ActivityStatus.FAILED, JANE, CREATED)
                        .progress(101)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("progress of activity 1 must be -1 to 100: 101");
    }

    private static Backend everyBackendPart() {
        return Backend.builder(7283)
                .database("test")
                .user("postgres")
                .applicationName("psql")
                .clientAddress("127.0.0.1")
                .backendType("client backend")
                .state("active")
                .waitEventType("Lock")
                .waitEvent("transactionid")
                .waitingOnLock(true)
                .query("UPDATE t1 SET v = 'b'")
                .queryStart(CREATED.plusSeconds(2))
                .transactionStart(CREATED.plusSeconds(1))
                .backendStart(CREATED)
                .stateChange(CREATED.plusSeconds(3))
                .duration(Duration.ofSeconds(13))
                .leaderPid(7000)
                .queryId(-42)
                .blockedBy(List.of(7280, 7281))
                .processStats(new ProcessStats(
                        OptionalDouble.of(1.5),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        Optional.empty()))
                .build();
    }

    @Test
    void backendToBuilderRoundTrips() {
        Backend b = everyBackendPart();

        assertThat(b.toBuilder().build()).isEqualTo(b);
    }

    @Test
    void backendBuilderSetsEveryComponent() {
        Backend b = everyBackendPart();

        assertThat(List.of(
                        b.pid(),
                        b.database(),
                        b.user(),
                        b.applicationName(),
                        b.clientAddress(),
                        b.backendType(),
                        b.state(),
                        b.waitEventType(),
                        b.waitEvent(),
                        b.waitingOnLock(),
                        b.query(),
                        b.queryStart(),
                        b.transactionStart(),
                        b.backendStart(),
                        b.stateChange(),
                        b.duration(),
                        b.leaderPid(),
                        b.queryId(),
                        b.blockedBy(),
                        b.processStats().cpuPercent()))
                .containsExactly(
                        7283,
                        Optional.of("test"),
                        Optional.of("postgres"),
                        Optional.of("psql"),
                        Optional.of("127.0.0.1"),
                        Optional.of("client backend"),
                        Optional.of("active"),
                        Optional.of("Lock"),
                        Optional.of("transactionid"),
                        true,
                        "UPDATE t1 SET v = 'b'",
                        Optional.of(CREATED.plusSeconds(2)),
                        Optional.of(CREATED.plusSeconds(1)),
                        Optional.of(CREATED),
                        Optional.of(CREATED.plusSeconds(3)),
                        Optional.of(Duration.ofSeconds(13)),
                        OptionalInt.of(7000),
                        OptionalLong.of(-42),
                        List.of(7280, 7281),
                        OptionalDouble.of(1.5));
    }

    @Test
    void backendBuilderLeavesWhatItIsNotToldEmpty() {
        Backend b = Backend.builder(7283).build();

        assertThat(b.backendStart()).isEmpty();
        assertThat(b.queryStart()).isEmpty();
        assertThat(b.duration()).isEmpty();
        assertThat(b.applicationName()).isEmpty();
        assertThat(b.backendType()).isEmpty();
        assertThat(b.query()).isEmpty();
        assertThat(b.waitingOnLock()).isFalse();
        assertThat(b.blockedBy()).isEmpty();
        assertThat(b.processStats()).isEqualTo(ProcessStats.unknown());
    }

    @Test
    void backendRejectsNegativeDuration() {
        assertThatThrownBy(() ->
                        Backend.builder(7283).duration(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must not be negative: PT-0.001S");
    }

    @Test
    void withProcessStatsChangesOnlyTheStats() {
        Backend b = everyBackendPart();

        Backend unknown = b.withProcessStats(ProcessStats.unknown());

        assertThat(unknown.processStats()).isEqualTo(ProcessStats.unknown());
        assertThat(unknown.withProcessStats(b.processStats())).isEqualTo(b);
    }

    @Test
    void backendBuilderValidatesAsTheConstructor() {
        assertThatThrownBy(() -> everyBackendPart().toBuilder().pid(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid must be > 0: 0");
    }
}
