package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.activity4j.client.Fixtures;
import org.activity4j.core.Activity;
import org.activity4j.core.JsonValue;
import org.activity4j.core.Person;
import org.activity4j.core.WireFormatException;
import org.activity4j.query.ActivityStatus;
import org.junit.jupiter.api.Test;

class LandscapeCodecTest {

    static final String CHANGE_PACKAGES = Fixtures.LANDSCAPE_CHANGE_PACKAGES;
    static final String SYNC_POCKET = Fixtures.LANDSCAPE_SYNC_POCKET;

    @Test
    void decodesTheDocumentedActivityKeepingTypeSpecificFields() {
        Activity a = LandscapeCodec.decodeActivities(CHANGE_PACKAGES).get(0);
        assertThat(a.id()).isEqualTo(86);
        assertThat(a.parentId()).hasValue(85);
        assertThat(a.computerId()).hasValue(4);
        assertThat(a.creator()).isEqualTo(new Person(5, "Jane Doe", "jane@example.com"));
        assertThat(a.status()).isEqualTo(ActivityStatus.SUCCEEDED);
        assertThat(a.resultText()).contains("Installed!");
        assertThat(a.deliverAfterTime()).isEmpty();
        assertThat(a.creationTime()).isEqualTo(Instant.parse("2012-03-06T18:52:09Z"));
        assertThat(a.details()).containsOnlyKeys("package_ids", "changes");
        assertThat(a.details().get("package_ids"))
                .isEqualTo(JsonValue.array(List.of(JsonValue.of(36), JsonValue.of(1127))));
    }

    @Test
    void decodesAnActivityWithProgressAndNoStatusAsDelivered() {
        Activity a = LandscapeCodec.decodeActivities(SYNC_POCKET).get(0);
        assertThat(a.status()).isEqualTo(ActivityStatus.DELIVERED);
        assertThat(a.progress()).hasValue(37);
        assertThat(a.computerId()).isEmpty();
        assertThat(a.modificationTime()).isEqualTo(a.creationTime());
        assertThat(a.details()).containsOnlyKeys("pocket_id", "pocket_name");
    }

    @Test
    void encodedActivitiesDecodeToTheSame() {
        List<Activity> page = LandscapeCodec.decodeActivities(CHANGE_PACKAGES);
        assertThat(LandscapeCodec.decodeActivities(LandscapeCodec.encodeActivities(page)))
                .isEqualTo(page);
    }

    @Test
    void namesTheFieldOfABadActivity() {
        WireFormatException status = catchThrowableOfType(
                WireFormatException.class,
                () -> LandscapeCodec.decodeActivities(CHANGE_PACKAGES.replace("\"succeeded\"", "\"done\"")));
        assertThat(status.field()).isEqualTo("$[0].activity_status");
        assertThat(status.value()).contains("done");
        WireFormatException time = catchThrowableOfType(
                WireFormatException.class,
                () -> LandscapeCodec.decodeActivities(CHANGE_PACKAGES.replace(
                        "\"2012-03-06T18:52:09Z\", \"computer_id\"", "\"yesterday\", \"computer_id\"")));
        assertThat(time.field()).isEqualTo("$[0].delivery_time");
        WireFormatException creator = catchThrowableOfType(
                WireFormatException.class,
                () -> LandscapeCodec.decodeActivities(SYNC_POCKET.replace("\"email\": \"jane@example.com\", ", "")));
        assertThat(creator.field()).isEqualTo("$[0].creator.email");
        assertThat(creator.isMissing()).isTrue();
    }

    @Test
    void decodesTypesAndIdsAsNumbersOrStrings() {
        assertThat(LandscapeCodec.decodeActivityTypes("[\"RestartRequest\", \"EditUserRequest\"]"))
                .containsExactly("RestartRequest", "EditUserRequest");
        assertThat(LandscapeCodec.decodeIds("[1, \"2\", 30]")).containsExactly(1L, 2L, 30L);
        assertThat(LandscapeCodec.decodeIds(LandscapeCodec.encodeIds(List.of(5L, 6L))))
                .containsExactly(5L, 6L);
        for (String bad : List.of("[0]", "[\"-1\"]", "[\"x\"]", "[1.5]", "{}", "[\"\"]")) {
            assertThat(catchThrowableOfType(WireFormatException.class, () -> LandscapeCodec.decodeIds(bad)))
                    .as(bad)
                    .isNotNull();
        }
    }

    @Test
    void errorCodesAreNormalisedWithoutTheErrorSuffix() {
        assertThat(LandscapeCodec.decodeError("{\"error\": \"InvalidQueryError\", \"message\": \"bad\"}"))
                .isEqualTo(new LandscapeError("InvalidQuery", "bad"));
        assertThat(LandscapeCodec.decodeError("{\"error\": \"InvalidQuery\", \"message\": \"bad\"}")
                        .code())
                .isEqualTo(LandscapeError.INVALID_QUERY);
        assertThat(LandscapeCodec.decodeError("{\"error\": \"Unauthorised\"}").isAuthentication())
                .isTrue();
        assertThat(LandscapeCodec.decodeError("{\"error\": \"SignatureDoesNotMatchError\"}")
                        .isAuthentication())
                .isTrue();
        assertThat(new LandscapeError("Error", "").code()).isEqualTo("Error");
    }

    @Test
    void parsesAndFormatsReasonLines() {
        Map<Long, String> reasons =
                LandscapeCodec.parseReasons("12 => activity is delivered\r\n\n3 => it is canceled\n");
        assertThat(reasons).containsExactly(Map.entry(3L, "it is canceled"), Map.entry(12L, "activity is delivered"));
        assertThat(LandscapeCodec.formatReasons(reasons)).isEqualTo("3 => it is canceled\n12 => activity is delivered");
        for (String bad : List.of("", "12 =>", "x => y", "1 => a\n1 => b", "0 => zero")) {
            assertThat(catchThrowableOfType(WireFormatException.class, () -> LandscapeCodec.parseReasons(bad)))
                    .as(bad)
                    .isNotNull();
        }
    }

    @Test
    void aReasonIdAboveTheLongRangeIsAWireFormatExceptionNamingIt() {
        // Found by .ci/fuzz: 19 digits passed the length check and Long.parseLong threw NumberFormatException.
        assertThat(LandscapeCodec.parseReasons("9223372036854775807 => last")).containsOnlyKeys(Long.MAX_VALUE);
        WireFormatException e = catchThrowableOfType(
                WireFormatException.class, () -> LandscapeCodec.parseReasons("9999999999999999999 => too big"));
        assertThat(e).hasMessageContaining("9999999999999999999").hasMessageContaining("at most");
    }
}
