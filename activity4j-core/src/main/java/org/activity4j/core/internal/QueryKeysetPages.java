package org.activity4j.core.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryDate;

/**
 * The stream of {@link ActivityService#streamActivities} for a service that can only page with
 * {@code getActivities} (the Landscape client, wrappers): a keyset as exact as the query language can write
 * it. The query language bounds creation times to the second ({@code created-before:2024-05-01T10:00:01}), so
 * each page after the first asks for {@code query created-before:<the second after the last activity's>},
 * skipping as many activities as were already yielded from that last second; activities that are not
 * strictly after the last yielded one in the order are dropped. The offset is thus bounded by the activities
 * of one second, not by the stream's position.
 */
public final class QueryKeysetPages implements KeysetStream.PageReader {
    /** The last second {@code created-before:} can bound: the year 9999's last. */
    private static final Instant LAST_BOUNDABLE_SECOND = Instant.parse("9999-12-31T23:59:59Z");

    private final ActivityService service;
    private final QueryCriteria query;
    private final int pageSize;
    /** The second of the last yielded activity, and how many yielded activities were created in it. */
    private Instant lastSecond = Instant.MIN;

    private int yieldedInLastSecond;
    /**
     * Activities dropped (not after the last yielded one: created in the last second meanwhile, above the
     * position) since the last second changed: they precede the position in the bounded query, so the offset
     * skips them too and a page never repeats.
     */
    private int droppedInLastSecond;

    private int yielded;
    private int dropped;

    private QueryKeysetPages(ActivityService service, QueryCriteria query, int pageSize) {
        this.service = service;
        this.query = query;
        this.pageSize = pageSize;
    }

    /** The stream of {@code service}'s activities that {@code query} selects, read {@code pageSize} at a time. */
    public static Stream<Activity> stream(ActivityService service, QueryCriteria query, int pageSize) {
        Objects.requireNonNull(query, "query");
        KeysetStream.checkPageSize(pageSize);
        return KeysetStream.of(new QueryKeysetPages(service, query, pageSize));
    }

    @Override
    public KeysetStream.Page after(Optional<Activity> last) {
        List<Activity> page;
        if (last.isEmpty()) {
            page = service.getActivities(query, pageSize, 0);
        } else if (lastSecond.isBefore(LAST_BOUNDABLE_SECOND)) {
            QueryDate before = new QueryDate(
                    LocalDateTime.ofInstant(lastSecond.plusSeconds(1), ZoneOffset.UTC), QueryDate.Precision.SECOND);
            page = service.getActivities(
                    query.and(QueryCriteria.createdBefore(before)),
                    pageSize,
                    yieldedInLastSecond + droppedInLastSecond);
        } else {
            page = service.getActivities(query, pageSize, yielded + dropped);
        }
        List<Activity> after = new ArrayList<>(page.size());
        Optional<Activity> previous = last;
        for (Activity a : page) {
            if (previous.isEmpty() || KeysetStream.NEWEST_FIRST.compare(a, previous.get()) > 0) {
                after.add(a);
                previous = Optional.of(a);
                count(a);
            } else {
                droppedInLastSecond++;
                dropped++;
            }
        }
        return new KeysetStream.Page(after, page.size() >= pageSize);
    }

    private void count(Activity a) {
        Instant second = a.creationTime().truncatedTo(ChronoUnit.SECONDS);
        if (second.equals(lastSecond)) {
            yieldedInLastSecond++;
        } else {
            lastSecond = second;
            yieldedInLastSecond = 1;
            droppedInLastSecond = 0;
        }
        yielded++;
    }
}
