package org.activity4j.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.activity4j.core.Activity;
import org.activity4j.core.NewActivity;

/**
 * What both stores check before they import activities (ActivityStore.importActivities): the values every
 * store keeps, as for a new activity (NewActivity's limits, text PostgreSQL can store, times of years 1 to
 * 9999), and ids that the batch gives once each. The stores add what only they can see: ids already stored,
 * unknown creators, computers and parents.
 */
public final class ImportRules {
    private ImportRules() {}

    /**
     * The activities with their times cut to whole microseconds, as stored, but those refused: every activity
     * with a value stores do not keep or an id given twice is added to {@code refused} (id to reason) instead.
     */
    public static List<Activity> check(List<Activity> activities, Map<Long, String> refused) {
        return check(activities, refused, new HashSet<>());
    }

    /** As {@link #check(List, Map)}, adding every id the batch gives to {@code seen}. */
    public static List<Activity> check(List<Activity> activities, Map<Long, String> refused, Set<Long> seen) {
        List<Activity> kept = new ArrayList<>(activities.size());
        for (Activity a : activities) {
            if (!seen.add(a.id())) {
                refused.put(a.id(), "the id is given more than once in the batch");
                continue;
            }
            Optional<String> reason = refusal(a);
            if (reason.isPresent()) {
                refused.put(a.id(), reason.get());
            } else {
                kept.add(micros(a));
            }
        }
        return kept;
    }

    private static Optional<String> refusal(Activity a) {
        try {
            NewActivity asNew = new NewActivity(
                    a.type(),
                    a.creator().id(),
                    a.computerId(),
                    a.parentId(),
                    a.summary(),
                    false,
                    Optional.empty(),
                    a.details());
            TextRules.check(asNew);
            a.resultText().ifPresent(text -> TextRules.check("result text", text));
            Lifecycle.checkInstant("creation time", a.creationTime());
            Lifecycle.checkInstant("modification time", a.modificationTime());
            check("delivery time", a.deliveryTime());
            check("completion time", a.completionTime());
            check("approval time", a.approvalTime());
            check("deliver-after time", a.deliverAfterTime());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static void check(String what, Optional<Instant> time) {
        time.ifPresent(t -> Lifecycle.checkInstant(what, t));
    }

    private static Activity micros(Activity a) {
        if (isMicros(a.creationTime())
                && isMicros(a.modificationTime())
                && isMicros(a.deliveryTime())
                && isMicros(a.completionTime())
                && isMicros(a.approvalTime())
                && isMicros(a.deliverAfterTime())) {
            return a;
        }
        return a.toBuilder()
                .creationTime(Lifecycle.micros(a.creationTime()))
                .modificationTime(Lifecycle.micros(a.modificationTime()))
                .deliveryTime(a.deliveryTime().map(Lifecycle::micros))
                .completionTime(a.completionTime().map(Lifecycle::micros))
                .approvalTime(a.approvalTime().map(Lifecycle::micros))
                .deliverAfterTime(a.deliverAfterTime().map(Lifecycle::micros))
                .build();
    }

    private static boolean isMicros(Instant t) {
        return t.getNano() % 1_000 == 0;
    }

    private static boolean isMicros(Optional<Instant> t) {
        return t.isEmpty() || isMicros(t.get());
    }
}
