package org.activity4j.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 * <p>Build one with {@link #builder} (the parts every activity has) and derive changed copies with {@link
 * #toBuilder()}, so that code that makes activities keeps compiling when a component is added:
 *
 * <pre>{@code
 * Activity a = Activity.builder(86, "ChangePackagesRequest", ActivityStatus.UNDELIVERED, jane, now)
 *         .computerId(3).summary("Install python-twisted-conch")
 *         .build();
 * Activity done = a.toBuilder().status(ActivityStatus.SUCCEEDED).completionTime(later).modificationTime(later).build();
 * }</pre>
 *
 * The canonical constructor stays public because a public record's canonical constructor must be; prefer the
 * builder.
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
        details = details.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * A builder for the activity with these parts, which every activity has. The other parts start empty (the
     * summary {@code ""}, no details) and the modification time starts as {@code creationTime}.
     */
    public static Builder builder(long id, String type, ActivityStatus status, Person creator, Instant creationTime) {
        return new Builder(id, type, status, creator, creationTime);
    }

    /** A builder that starts from this activity. */
    public Builder toBuilder() {
        return new Builder(id, type, status, creator, creationTime)
                .parentId(parentId)
                .computerId(computerId)
                .summary(summary)
                .resultText(resultText)
                .resultCode(resultCode)
                .progress(progress)
                .deliveryTime(deliveryTime)
                .completionTime(completionTime)
                .modificationTime(modificationTime)
                .approvalTime(approvalTime)
                .deliverAfterTime(deliverAfterTime)
                .details(details);
    }

    /**
     * Builds an {@link Activity}; {@link #build()} validates as the constructor does. Each optional part has a
     * setter for a value and one for an {@code Optional} (to copy it from a source that may not have it). Not
     * thread-safe.
     */
    public static final class Builder {
        private long id;
        private String type;
        private ActivityStatus status;
        private Person creator;
        private Instant creationTime;
        private OptionalLong parentId = OptionalLong.empty();
        private OptionalLong computerId = OptionalLong.empty();
        private String summary = "";
        private Optional<String> resultText = Optional.empty();
        private OptionalInt resultCode = OptionalInt.empty();
        private OptionalInt progress = OptionalInt.empty();
        private Optional<Instant> deliveryTime = Optional.empty();
        private Optional<Instant> completionTime = Optional.empty();
        private Instant modificationTime;
        private Optional<Instant> approvalTime = Optional.empty();
        private Optional<Instant> deliverAfterTime = Optional.empty();
        private final Map<String, JsonValue> details = new LinkedHashMap<>();

        private Builder(long id, String type, ActivityStatus status, Person creator, Instant creationTime) {
            this.id = id;
            this.type = Objects.requireNonNull(type, "type");
            this.status = Objects.requireNonNull(status, "status");
            this.creator = Objects.requireNonNull(creator, "creator");
            this.creationTime = Objects.requireNonNull(creationTime, "creationTime");
            this.modificationTime = creationTime;
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder type(String type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        public Builder status(ActivityStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        public Builder creator(Person creator) {
            this.creator = Objects.requireNonNull(creator, "creator");
            return this;
        }

        public Builder creationTime(Instant creationTime) {
            this.creationTime = Objects.requireNonNull(creationTime, "creationTime");
            return this;
        }

        public Builder parentId(long parentId) {
            return parentId(OptionalLong.of(parentId));
        }

        public Builder parentId(OptionalLong parentId) {
            this.parentId = Objects.requireNonNull(parentId, "parentId");
            return this;
        }

        public Builder computerId(long computerId) {
            return computerId(OptionalLong.of(computerId));
        }

        public Builder computerId(OptionalLong computerId) {
            this.computerId = Objects.requireNonNull(computerId, "computerId");
            return this;
        }

        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        public Builder resultText(String resultText) {
            return resultText(Optional.of(resultText));
        }

        public Builder resultText(Optional<String> resultText) {
            this.resultText = Objects.requireNonNull(resultText, "resultText");
            return this;
        }

        public Builder resultCode(int resultCode) {
            return resultCode(OptionalInt.of(resultCode));
        }

        public Builder resultCode(OptionalInt resultCode) {
            this.resultCode = Objects.requireNonNull(resultCode, "resultCode");
            return this;
        }

        public Builder progress(int progress) {
            return progress(OptionalInt.of(progress));
        }

        public Builder progress(OptionalInt progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Builder deliveryTime(Instant deliveryTime) {
            return deliveryTime(Optional.of(deliveryTime));
        }

        public Builder deliveryTime(Optional<Instant> deliveryTime) {
            this.deliveryTime = Objects.requireNonNull(deliveryTime, "deliveryTime");
            return this;
        }

        public Builder completionTime(Instant completionTime) {
            return completionTime(Optional.of(completionTime));
        }

        public Builder completionTime(Optional<Instant> completionTime) {
            this.completionTime = Objects.requireNonNull(completionTime, "completionTime");
            return this;
        }

        public Builder modificationTime(Instant modificationTime) {
            this.modificationTime = Objects.requireNonNull(modificationTime, "modificationTime");
            return this;
        }

        public Builder approvalTime(Instant approvalTime) {
            return approvalTime(Optional.of(approvalTime));
        }

        public Builder approvalTime(Optional<Instant> approvalTime) {
            this.approvalTime = Objects.requireNonNull(approvalTime, "approvalTime");
            return this;
        }

        public Builder deliverAfterTime(Instant deliverAfterTime) {
            return deliverAfterTime(Optional.of(deliverAfterTime));
        }

        public Builder deliverAfterTime(Optional<Instant> deliverAfterTime) {
            this.deliverAfterTime = Objects.requireNonNull(deliverAfterTime, "deliverAfterTime");
            return this;
        }

        /** Adds or replaces one detail; details keep the order in which they were first added. */
        public Builder detail(String name, JsonValue value) {
            details.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces all details with these, in their order. */
        public Builder details(Map<String, JsonValue> details) {
            Map<String, JsonValue> copy = new LinkedHashMap<>(details);
            this.details.clear();
            copy.forEach(this::detail);
            return this;
        }

        /**
         * The activity.
         *
         * @throws IllegalArgumentException as the constructor does: id below 1, empty type, progress out of range
         */
        public Activity build() {
            return new Activity(
                    id,
                    parentId,
                    computerId,
                    creator,
                    type,
                    status,
                    summary,
                    resultText,
                    resultCode,
                    progress,
                    creationTime,
                    deliveryTime,
                    completionTime,
                    modificationTime,
                    approvalTime,
                    deliverAfterTime,
                    details);
        }
    }
}
