package org.activity4j.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.activity4j.core.internal.JsonText;
import org.activity4j.core.internal.Lifecycle;

/**
 * What it takes to create an activity; the store assigns the id, the status and the times.
 *
 * <pre>{@code
 * NewActivity upgrade = NewActivity.builder("ChangePackagesRequest", 5)
 *         .computerId(3).summary("Install python-twisted-conch")
 *         .detail("package_ids", JsonValue.array(List.of(JsonValue.of(36))))
 *         .requiresApproval(true)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <h2>Limits</h2>
 *
 * <p>What every store can keep and every reader (the stores, the agent, the remote clients) can read back,
 * refused here with an {@link IllegalArgumentException} that names the limit, so that one write can never
 * break the reads of an account:
 *
 * <ul>
 *   <li>the summary is at most {@value #MAX_SUMMARY_LENGTH} characters (UTF-16 units): it is one line, and
 *       the PostgreSQL store indexes its words;
 *   <li>each detail value nests arrays and objects at most {@value #MAX_DETAIL_DEPTH} deep ({@code 36} is 0
 *       deep, {@code [36]} 1, {@code {"a":[36]}} 2): far below what the JSON readers accept (256), which
 *       leaves room for the envelope of every wire format;
 *   <li>the details, as compact JSON text of one object ({@code {"package_ids":[36,1127]}}), are at most
 *       {@value #MAX_DETAILS_LENGTH} characters: a few thousand package ids, while a page of {@link
 *       ActivityService#DEFAULT_LIMIT} activities stays within tens of megabytes;
 *   <li>the deliver-after time is within {@link ActivityStore#EARLIEST_INSTANT} and {@link
 *       ActivityStore#LATEST_INSTANT} (years 1 to 9999).
 * </ul>
 *
 * @param type the activity type, non-empty
 * @param creatorId the id of the person creating it
 * @param computerId the computer it is for; empty for account-wide activities
 * @param parentId the parent activity, for the children of a bulk activity
 * @param summary one line that says what it does
 * @param requiresApproval whether it waits for approval (unapproved) before it is queued
 * @param deliverAfter not to be delivered before this instant
 * @param details type-specific fields by wire name
 */
public record NewActivity(
        String type,
        long creatorId,
        OptionalLong computerId,
        OptionalLong parentId,
        String summary,
        boolean requiresApproval,
        Optional<Instant> deliverAfter,
        Map<String, JsonValue> details) {

    /** The longest summary, in characters (UTF-16 units). */
    public static final int MAX_SUMMARY_LENGTH = 4096;

    /** How deep each detail value may nest arrays and objects. */
    public static final int MAX_DETAIL_DEPTH = 64;

    /** The longest details, in characters of their compact JSON text as one object. */
    public static final int MAX_DETAILS_LENGTH = 65_536;

    public NewActivity {
        if (type.isEmpty()) {
            throw new IllegalArgumentException("activity type must not be empty");
        }
        if (creatorId < 1) {
            throw new IllegalArgumentException("creator id must be 1 or more: " + creatorId);
        }
        if (summary.length() > MAX_SUMMARY_LENGTH) {
            throw new IllegalArgumentException("summary is " + summary.length() + " characters long; at most "
                    + MAX_SUMMARY_LENGTH + " (NewActivity.MAX_SUMMARY_LENGTH) are kept");
        }
        deliverAfter.ifPresent(after -> Lifecycle.checkInstant("deliverAfter", after));
        details = details.isEmpty() ? Map.of() : checkedDetails(details); // most have none: no copy, no JSON
    }

    private static Map<String, JsonValue> checkedDetails(Map<String, JsonValue> given) {
        Map<String, JsonValue> details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given));
        for (Map.Entry<String, JsonValue> d : details.entrySet()) {
            int depth = JsonText.depth(d.getValue());
            if (depth > MAX_DETAIL_DEPTH) {
                throw new IllegalArgumentException("detail '" + d.getKey() + "' nests " + depth
                        + " levels deep; at most " + MAX_DETAIL_DEPTH + " (NewActivity.MAX_DETAIL_DEPTH) are kept");
            }
        }
        int length = JsonText.write(JsonValue.object(details)).length();
        if (length > MAX_DETAILS_LENGTH) {
            throw new IllegalArgumentException("details are " + length + " characters of JSON; at most "
                    + MAX_DETAILS_LENGTH + " (NewActivity.MAX_DETAILS_LENGTH) are kept");
        }
        return details;
    }

    /** A builder for an activity of this type created by this person. */
    public static Builder builder(String type, long creatorId) {
        return new Builder(type, creatorId);
    }

    /** Builds a {@link NewActivity}. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final long creatorId;
        private OptionalLong computerId = OptionalLong.empty();
        private OptionalLong parentId = OptionalLong.empty();
        private String summary = "";
        private boolean requiresApproval;
        private Optional<Instant> deliverAfter = Optional.empty();
        private final Map<String, JsonValue> details = new LinkedHashMap<>();

        private Builder(String type, long creatorId) {
            this.type = type;
            this.creatorId = creatorId;
        }

        public Builder computerId(long computerId) {
            this.computerId = OptionalLong.of(computerId);
            return this;
        }

        public Builder parentId(long parentId) {
            this.parentId = OptionalLong.of(parentId);
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder requiresApproval(boolean requiresApproval) {
            this.requiresApproval = requiresApproval;
            return this;
        }

        public Builder deliverAfter(Instant deliverAfter) {
            this.deliverAfter = Optional.of(deliverAfter);
            return this;
        }

        public Builder detail(String name, JsonValue value) {
            details.put(name, value);
            return this;
        }

        public NewActivity build() {
            return new NewActivity(
                    type, creatorId, computerId, parentId, summary, requiresApproval, deliverAfter, details);
        }
    }
}
