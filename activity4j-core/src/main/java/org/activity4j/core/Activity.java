package org.activity4j.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.activity4j.query.ActivityStatus;

/**
 * A Landscape activity: an operation queued for a computer (install packages, restart, ...), with its
 * status and times. Fields that only some types have ({@code package_ids}, {@code changes},
 * {@code pocket_id}, {@code pocket_name}, and any field a server sends that activity4j does not know) are
 * kept in {@link #details()} under their wire names, never dropped.
 *
 * <pre>{@code
 * for (Activity a : service.getActivities(QueryCriteria.parse("status:failed"), 20, 0)) {
 *     System.out.println(a.id() + " " + a.type() + " " + a.resultText().orElse(""));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. All times are UTC instants.
 *
 * @param id the activity's id, 1 or more
 * @param parentId the parent activity's id, for the children of a bulk activity
 * @param computerId the computer it runs on; empty for account-wide activities (e.g. a pocket sync)
 * @param creator who created it
 * @param type its type, e.g. {@code ChangePackagesRequest}; an open set
 * @param status its status
 * @param summary one line that says what it does
 * @param resultText what the computer reported, once completed
 * @param resultCode the exit code the computer reported, once completed
 * @param progress 0 not started, -1 error, 1 to 100 percent, for types that report progress
 * @param creationTime when it was created
 * @param deliveryTime when the computer picked it up
 * @param completionTime when it succeeded, failed or was canceled
 * @param modificationTime when it last changed
 * @param approvalTime when it was approved
 * @param deliverAfterTime not to be delivered before this instant
 * @param details type-specific fields by wire name, in order
 */
public record Activity(
        long id,
        OptionalLong parentId,
        OptionalLong computerId,
        Person creator,
        String type,
        ActivityStatus status,
        String summary,
        Optional<String> resultText,
        OptionalInt resultCode,
        OptionalInt progress,
        Instant creationTime,
        Optional<Instant> deliveryTime,
        Optional<Instant> completionTime,
        Instant modificationTime,
        Optional<Instant> approvalTime,
        Optional<Instant> deliverAfterTime,
        Map<String, JsonValue> details) {

    public Activity {
        if (id < 1) {
            throw new IllegalArgumentException("activity id must be 1 or more: " + id);
        }
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type of activity " + id + " must not be empty");
        }
        if (progress.isPresent() && (progress.getAsInt() < -1 || progress.getAsInt() > 100)) {
            throw new IllegalArgumentException(
                    "progress of activity " + id + " must be -1 to 100: " + progress.getAsInt());
        }
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
