package org.activity4j.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

    public NewActivity {
        if (type.isEmpty()) {
            throw new IllegalArgumentException("activity type must not be empty");
        }
        if (creatorId < 1) {
            throw new IllegalArgumentException("creator id must be 1 or more: " + creatorId);
        }
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
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
