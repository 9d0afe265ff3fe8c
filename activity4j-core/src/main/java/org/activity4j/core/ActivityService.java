package org.activity4j.core;

import java.util.List;
import org.activity4j.query.QueryCriteria;

/**
 * Landscape's Activities API for one account: list activities by query, list the activity types, and
 * cancel or approve activities by query. The in-memory and PostgreSQL stores ({@link ActivityStores}) and
 * the remote client implement it alike.
 *
 * <pre>{@code
 * ActivityService service = ActivityStores.inMemory();
 * List<Activity> page = service.getActivities(QueryCriteria.parse("status:failed"), 20, 0);
 * List<Long> canceled = service.cancelActivities(QueryCriteria.parse("status:undelivered computer:tag:server"));
 * }</pre>
 *
 * <p>Implementations are thread-safe. No call ever reads or changes another account's activities.
 */
public interface ActivityService {

    /** The page size {@link #getActivities(QueryCriteria)} uses, as Landscape does. */
    int DEFAULT_LIMIT = 1000;

    /** The largest page a call returns; larger limits are refused. */
    int MAX_LIMIT = 10_000;

    /**
     * The activities the query selects, newest first (creation time descending, then id descending),
     * skipping {@code offset} of them and returning at most {@code limit}.
     *
     * @throws IllegalArgumentException if {@code limit} is not from 0 to {@link #MAX_LIMIT} or {@code offset}
     *     is negative
     */
    List<Activity> getActivities(QueryCriteria query, int limit, int offset);

    /** The first {@link #DEFAULT_LIMIT} activities the query selects, newest first. */
    default List<Activity> getActivities(QueryCriteria query) {
        return getActivities(query, DEFAULT_LIMIT, 0);
    }

    /** The known Landscape activity types and every other type present in the account, sorted. */
    List<String> getActivityTypes();

    /**
     * Cancels every activity the query selects, or none: if any of them cannot be canceled (only
     * unapproved, undelivered and scheduled ones can), nothing changes.
     *
     * @return the ids of the canceled activities, ascending
     * @throws ActivityStatusChangeException naming every selected activity that cannot be canceled
     */
    List<Long> cancelActivities(QueryCriteria query);

    /**
     * Approves every activity the query selects, or none: if any of them cannot be approved (only
     * unapproved ones can), nothing changes. An approved activity whose deliver-after time is in the future
     * becomes scheduled, any other undelivered.
     *
     * @return the ids of the approved activities, ascending
     * @throws ActivityStatusChangeException naming every selected activity that cannot be approved
     */
    List<Long> approveActivities(QueryCriteria query);
}
