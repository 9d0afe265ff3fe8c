package org.activity4j.query;

import java.util.Optional;

/**
 * The status of a Landscape activity, with its wire name ({@code status:succeeded}) and its place in the
 * lifecycle: {@code unapproved} → approve → {@code undelivered} or {@code scheduled} → {@code delivered} →
 * {@code succeeded} or {@code failed}; {@code canceled}, {@code succeeded} and {@code failed} are final.
 *
 * <pre>{@code
 * ActivityStatus s = ActivityStatus.fromWireName("scheduled").orElseThrow();
 * boolean cancelable = s.isCancelable();   // true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum ActivityStatus {
    /** Approved and queued, waiting for the computer to pick it up. */
    UNDELIVERED("undelivered"),
    /** Waiting for an administrator's approval. */
    UNAPPROVED("unapproved"),
    /** Picked up by the computer, in progress. */
    DELIVERED("delivered"),
    /** Canceled before delivery (final). */
    CANCELED("canceled"),
    /** Completed with an error (final). */
    FAILED("failed"),
    /** Completed successfully (final). */
    SUCCEEDED("succeeded"),
    /** Approved, but not to be delivered before its deliver-after time. */
    SCHEDULED("scheduled");

    private final String wireName;

    ActivityStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The lowercase name used in queries and on the wire, e.g. {@code "succeeded"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The status with this exact wire name ({@code "succeeded"}); empty for any other text, including other
     * capitalisations.
     */
    public static Optional<ActivityStatus> fromWireName(String wireName) {
        for (ActivityStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Whether no transition leaves this status: canceled, succeeded and failed. */
    public boolean isFinal() {
        return this == CANCELED || this == SUCCEEDED || this == FAILED;
    }

    /** Whether an activity in this status can be approved: only unapproved ones. */
    public boolean isApprovable() {
        return this == UNAPPROVED;
    }

    /** Whether an activity in this status can be canceled: unapproved, undelivered and scheduled ones. */
    public boolean isCancelable() {
        return this == UNAPPROVED || this == UNDELIVERED || this == SCHEDULED;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
