package org.activity4j.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.activity4j.core.ActivityStore;
import org.activity4j.query.ActivityStatus;

/**
 * The status lifecycle of docs/wire-formats.md, shared by the stores: what each change requires, and the reason
 * given when the status forbids it. Also the activity types every store reports.
 */
public final class Lifecycle {
    /**
     * Activity types of Landscape's documentation (GetActivityTypes' example and the GetActivities
     * example's type). Types are open strings; stores add whatever types they hold.
     */
    public static final List<String> KNOWN_TYPES = List.of(
            "ChangePackagesRequest",
            "CreateGroupRequest",
            "EditUserRequest",
            "ResynchronizeRequest",
            "RestartRequest",
            "ShutdownRequest",
            "SyncPocketRequest",
            "TerminateSystemRequest");

    private Lifecycle() {}

    /** Why the activity cannot be canceled, or empty if it can. */
    public static Optional<String> cancelRefusal(ActivityStatus status) {
        return status.isCancelable() ? Optional.empty() : Optional.of("cannot be canceled: it is " + status.wireName());
    }

    /** Why the activity cannot be approved, or empty if it can. */
    public static Optional<String> approveRefusal(ActivityStatus status) {
        return status.isApprovable() ? Optional.empty() : Optional.of("cannot be approved: it is " + status.wireName());
    }

    /** The status of a newly created activity. */
    public static ActivityStatus initialStatus(boolean requiresApproval, Optional<Instant> deliverAfter, Instant now) {
        if (requiresApproval) {
            return ActivityStatus.UNAPPROVED;
        }
        return afterApproval(deliverAfter, now);
    }

    /** Scheduled when the deliver-after time is in the future, otherwise undelivered. */
    public static ActivityStatus afterApproval(Optional<Instant> deliverAfter, Instant now) {
        return deliverAfter.isPresent() && deliverAfter.get().isAfter(now)
                ? ActivityStatus.SCHEDULED
                : ActivityStatus.UNDELIVERED;
    }

    /** Why the computer cannot pick the activity up now, or empty if it can. */
    public static Optional<String> deliveryRefusal(ActivityStatus status, Optional<Instant> deliverAfter, Instant now) {
        if (status != ActivityStatus.UNDELIVERED && status != ActivityStatus.SCHEDULED) {
            return Optional.of("cannot be delivered: it is " + status.wireName());
        }
        if (deliverAfter.isPresent() && deliverAfter.get().isAfter(now)) {
            return Optional.of("cannot be delivered before " + deliverAfter.get());
        }
        return Optional.empty();
    }

    /** Why the computer cannot report on the activity (progress or completion), or empty if it can. */
    public static Optional<String> reportRefusal(ActivityStatus status) {
        return status == ActivityStatus.DELIVERED
                ? Optional.empty()
                : Optional.of("cannot take a report: it is " + status.wireName() + ", not delivered");
    }

    /** Rejects a limit or offset out of range. */
    public static void checkPage(int limit, int offset, int maxLimit) {
        if (limit < 0 || limit > maxLimit) {
            throw new IllegalArgumentException("limit must be from 0 to " + maxLimit + ": " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more: " + offset);
        }
    }

    /** Rejects a progress out of range. */
    public static void checkProgress(int progress) {
        if (progress < -1 || progress > 100) {
            throw new IllegalArgumentException("progress must be -1 (error) or 0 to 100: " + progress);
        }
    }

    /**
     * The store's "now": the clock's instant in whole microseconds, what PostgreSQL keeps.
     *
     * @throws IllegalStateException if the clock reads a time stores do not keep
     */
    public static Instant now(java.time.Clock clock) {
        Instant now = clock.instant();
        if (!keepable(now)) {
            throw new IllegalStateException("the store's clock reads " + now + ", outside the times stores keep ("
                    + ActivityStore.EARLIEST_INSTANT + " to " + ActivityStore.LATEST_INSTANT + ")");
        }
        return micros(now);
    }

    /**
     * Refuses an instant outside {@link ActivityStore#EARLIEST_INSTANT} and {@link ActivityStore#LATEST_INSTANT}.
     */
    public static void checkInstant(String what, Instant instant) {
        if (!keepable(instant)) {
            throw new IllegalArgumentException(what + " " + instant + " is outside the times stores keep ("
                    + ActivityStore.EARLIEST_INSTANT + " to " + ActivityStore.LATEST_INSTANT
                    + ", ActivityStore.EARLIEST_INSTANT to LATEST_INSTANT)");
        }
    }

    private static boolean keepable(Instant instant) {
        return !instant.isBefore(ActivityStore.EARLIEST_INSTANT)
                && micros(instant).compareTo(ActivityStore.LATEST_INSTANT) <= 0;
    }

    /** An instant cut to whole microseconds. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Microseconds since the epoch. */
    public static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The error for a creator, computer or parent activity that the account does not have. */
    public static IllegalArgumentException unknown(String kind, long id, String account) {
        return new IllegalArgumentException(unknownReason(kind, id, account));
    }

    /** What {@link #unknown} says. */
    public static String unknownReason(String kind, long id, String account) {
        return "no " + kind + " " + id + " in account '" + account + "'";
    }

    /** Rejects an empty account name. */
    public static String checkAccount(String account) {
        if (account.isEmpty()) {
            throw new IllegalArgumentException("account name must not be empty");
        }
        return account;
    }
}
