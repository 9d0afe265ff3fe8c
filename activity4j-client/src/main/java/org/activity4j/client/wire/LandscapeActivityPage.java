package org.activity4j.client.wire;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of {@code GET /api/v2/activities}: {@code {"count", "results", "next", "previous"}}.
 *
 * <pre>{@code
 * LandscapeActivityPage page = landscape.getActivityPage(QueryCriteria.parse("status:failed"), 20, 0);
 * System.out.println(page.results().size() + " of " + page.count());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param count how many activities the query selects in all, on every page
 * @param results this page's activities, newest first
 * @param next the URL of the next page; empty on the last
 * @param previous the URL of the previous page; empty on the first
 */
public record LandscapeActivityPage(
        long count, List<LandscapeActivity> results, Optional<URI> next, Optional<URI> previous) {
    public LandscapeActivityPage {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        results = List.copyOf(results);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(previous, "previous");
    }
}
