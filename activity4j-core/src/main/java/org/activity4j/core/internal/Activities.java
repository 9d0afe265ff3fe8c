package org.activity4j.core.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.activity4j.core.Activity;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;

/** The changes of the lifecycle, as new {@link Activity} values. */
public final class Activities {
    private Activities() {}

    public static Activity canceled(Activity a, Instant now) {
        return with(
                a,
                ActivityStatus.CANCELED,
                a.resultText(),
                a.resultCode(),
                a.progress(),
                a.deliveryTime(),
                Optional.of(now),
                now,
                a.approvalTime());
    }

    public static Activity approved(Activity a, Instant now) {
        return with(
                a,
                Lifecycle.afterApproval(a.deliverAfterTime(), now),
                a.resultText(),
                a.resultCode(),
                a.progress(),
                a.deliveryTime(),
                a.completionTime(),
                now,
                Optional.of(now));
    }

    public static Activity delivered(Activity a, Instant now) {
        return with(
                a,
                ActivityStatus.DELIVERED,
                a.resultText(),
                a.resultCode(),
                a.progress(),
                Optional.of(now),
                a.completionTime(),
                now,
                a.approvalTime());
    }

    public static Activity progressed(Activity a, int progress, Instant now) {
        return with(
                a,
                a.status(),
                a.resultText(),
                a.resultCode(),
                OptionalInt.of(progress),
                a.deliveryTime(),
                a.completionTime(),
                now,
                a.approvalTime());
    }

    public static Activity completed(Activity a, boolean succeeded, String resultText, int resultCode, Instant now) {
        return with(
                a,
                succeeded ? ActivityStatus.SUCCEEDED : ActivityStatus.FAILED,
                Optional.of(resultText),
                OptionalInt.of(resultCode),
                a.progress(),
                a.deliveryTime(),
                Optional.of(now),
                now,
                a.approvalTime());
    }

    public static Activity withCreator(Activity a, Person creator) {
        return a.toBuilder().creator(creator).build();
    }

    private static Activity with(
            Activity a,
            ActivityStatus status,
            Optional<String> resultText,
            OptionalInt resultCode,
            OptionalInt progress,
            Optional<Instant> deliveryTime,
            Optional<Instant> completionTime,
            Instant modificationTime,
            Optional<Instant> approvalTime) {
        return a.toBuilder()
                .status(status)
                .resultText(resultText)
                .resultCode(resultCode)
                .progress(progress)
                .deliveryTime(deliveryTime)
                .completionTime(completionTime)
                .modificationTime(modificationTime)
                .approvalTime(approvalTime)
                .build();
    }
}
