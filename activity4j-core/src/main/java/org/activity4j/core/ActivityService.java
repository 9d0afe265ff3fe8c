package org.activity4j.core;

import java.util.List;
import java.util.stream.Stream;
import org.activity4j.core.internal.QueryKeysetPages;
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

    /** The page size {@link #streamActivities(QueryCriteria)} reads with. */
    int STREAM_PAGE_SIZE = 5000;

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

    /**
     * Every activity the query selects, in the order of {@code getActivities} (newest first: creation time
     * descending, then id descending), read {@link #STREAM_PAGE_SIZE} at a time: for exports and reports that
     * need every match, where paging with growing offsets gets slower with every page. See {@link
     * #streamActivities(QueryCriteria, int)}.
     *
     * <pre>{@code
     * try (Stream<Activity> all = service.streamActivities(QueryCriteria.parse("status:failed"))) {
     *     all.forEach(exporter::write);
     * }
     * }</pre>
     */
    default Stream<Activity> streamActivities(QueryCriteria query) {
        return streamActivities(query, STREAM_PAGE_SIZE);
    }

    /**
     * Every activity the query selects, in the order of {@code getActivities}, read {@code pageSize} at a
     * time by keyset: each page is the activities after the last one yielded (older, or as old with a smaller
     * id), never an offset, so every page costs about the same and memory holds one page.
     *
     * <p><b>A stream, closed with try-with-resources.</b> A {@code Stream} rather than an iterator, so callers
     * get {@code filter}, {@code map} and {@code limit}, and {@code close()} (which {@code Stream} has) ends it.
     * The stores read each page in a transaction of its own and hold no connection between pages, so a stream
     * left unclosed holds only its last page; still, close it (as with {@code Files.lines}), since other
     * implementations may hold more. Nothing is read until the first element is asked for; reading fails as
     * the call would ({@link ActivityStoreException}, {@link ActivityStoreTimeoutException} when a page runs
     * past the store's statement timeout, {@link RemoteApiException} remotely), thrown by the stream's
     * terminal operation. The stream is sequential and not thread-safe; the service is.
     *
     * <p><b>Consistency.</b> Each page is one consistent read; the stream as a whole is not a snapshot. Each
     * activity is yielded at most once, in order, with its state as of the page that read it; an activity that
     * exists and matches throughout the stream is yielded exactly once, whatever is created, changed or
     * imported meanwhile. Activities created meanwhile are newer than the stream's position and are not
     * yielded (they come first in the order); imported ones older than the position are. An activity that
     * stops matching before its page is read is not yielded.
     *
     * <p><b>Implementations.</b> The in-memory and PostgreSQL stores read pages by their own keyset, exactly
     * (PostgreSQL: one transaction per page, its rows and then their creators in one snapshot, under
     * the store's statement timeout). This default method is the
     * fallback for every other implementation, including the remote Landscape client: it pages with {@link
     * #getActivities(QueryCriteria, int, int)}, bounding each page with {@code created-before:} at the second
     * after the last yielded activity (the query language's finest bound) and an offset of the activities
     * already yielded from that second, and drops any activity that is not after the last yielded one. That
     * is exact as above, except that an activity of the last yielded second that stops matching between two
     * pages can shift the offset so that one activity is missed; and the offset grows with the activities of
     * one second (a bulk action creates many at the same instant).
     *
     * <pre>{@code
     * try (Stream<Activity> page = service.streamActivities(QueryCriteria.all(), 1000)) {
     *     long failed = page.filter(a -> a.status() == ActivityStatus.FAILED).count();
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code pageSize} is not from 1 to {@link #MAX_LIMIT}
     */
    default Stream<Activity> streamActivities(QueryCriteria query, int pageSize) {
        return QueryKeysetPages.stream(this, query, pageSize);
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
