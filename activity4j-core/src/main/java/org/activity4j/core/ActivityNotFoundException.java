package org.activity4j.core;

/**
 * The account has no activity with the given id (it may belong to another account).
 *
 * <pre>{@code
 * try { store.markDelivered(id); } catch (ActivityNotFoundException e) { e.activityId(); }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class ActivityNotFoundException extends ActivityException {
    private static final long serialVersionUID = 1L;
    private final long activityId;

    public ActivityNotFoundException(long activityId, String account) {
        super("no activity " + activityId + " in account '" + account + "'");
        this.activityId = activityId;
    }

    public long activityId() {
        return activityId;
    }
}
