package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.activity4j.client.internal.TemboardRows;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.core.Backend;
import org.activity4j.core.JsonValue;
import org.junit.jupiter.api.Test;

class TemboardRowsOutTest {

    private static TemboardActivityRow throughTheWire(Backend b) {
        String body = TemboardCodec.encodeActivity(java.util.List.of(TemboardRowsOut.activity(b)));
        return TemboardCodec.decodeActivity(body).get(0);
    }

    @Test
    void writesUnknownStartsAndNamesAsNull() {
        TemboardActivityRow row = throughTheWire(Backend.builder(7).build());

        assertThat(row.extensions())
                .containsEntry("backend_start", JsonValue.nullValue())
                .containsEntry("query_start", JsonValue.nullValue())
                .containsEntry("application_name", JsonValue.nullValue())
                .containsEntry("backend_type", JsonValue.nullValue());
    }

    @Test
    void writesAnUnknownDurationAsTheNumberTheOldApiNeedsAndSaysItIsUnknown() {
        TemboardActivityRow row = throughTheWire(Backend.builder(7).build());

        assertThat(row.durationSeconds()).isZero();
        assertThat(row.extensions()).containsEntry("duration_unknown", JsonValue.of(true));
    }

    @Test
    void clientReadsBackWhatIsUnknownAsEmpty() {
        Backend read = TemboardRows.backend(throughTheWire(Backend.builder(7).build()));

        assertThat(read.backendStart()).isEmpty();
        assertThat(read.queryStart()).isEmpty();
        assertThat(read.applicationName()).isEmpty();
        assertThat(read.backendType()).isEmpty();
        assertThat(read.duration()).isEmpty();
    }

    @Test
    void clientReadsBackWhatIsKnown() {
        Instant start = Instant.parse("2026-11-23T19:35:27.624260Z");
        Backend b = Backend.builder(7)
                .backendStart(start)
                .queryStart(start.plusSeconds(1))
                .applicationName("")
                .backendType("client backend")
                .duration(Duration.ofMillis(13_560))
                .build();

        Backend read = TemboardRows.backend(throughTheWire(b));

        assertThat(read.backendStart()).contains(start);
        assertThat(read.queryStart()).contains(start.plusSeconds(1));
        assertThat(read.applicationName()).contains("");
        assertThat(read.backendType()).contains("client backend");
        assertThat(read.duration()).contains(Duration.ofMillis(13_560));
    }

    @Test
    void preparedHoldersTravelAsPreparedRowsAndReadBackEqual() {
        org.activity4j.core.PreparedTransaction tx = new org.activity4j.core.PreparedTransaction(
                "tx1",
                771,
                java.util.Optional.of("app"),
                java.util.Optional.of("shop"),
                java.util.Optional.of(Instant.parse("2026-11-30T09:12:44.123456Z")));
        org.activity4j.core.LockObject object =
                org.activity4j.core.LockObject.parse("tuple;database=16384;relation=16385;page=0;tuple=1");
        org.activity4j.core.LockInfo lock = new org.activity4j.core.LockInfo(
                "tuple",
                "ExclusiveLock",
                true,
                java.util.Optional.of("public.accounts"),
                java.util.OptionalLong.of(16385),
                java.util.Optional.empty(),
                object);
        org.activity4j.core.LockHolder prepared = new org.activity4j.core.LockHolder(
                new org.activity4j.core.Blocker.OfPreparedTransaction(tx),
                lock,
                org.activity4j.core.LockHolder.Kind.HOLDS,
                java.util.List.of(7288, 7291));

        String body = TemboardCodec.encodeBlocking(TemboardRowsOut.blockingAnswer(java.util.List.of(prepared)));
        org.activity4j.client.wire.TemboardBlockingRows read = TemboardCodec.decodeBlocking(body);

        assertThat(read.rows()).isEmpty();
        assertThat(TemboardRows.preparedHolders(read.preparedRows())).containsExactly(prepared);
        assertThat(TemboardCodec.decodeLocks(body)).isEmpty();
    }
}
