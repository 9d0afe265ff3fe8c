package org.activity4j.micrometer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.micrometer.internal.CallTimer;
import org.activity4j.micrometer.internal.MeteredStream;
import org.activity4j.query.QueryCriteria;

/**
 * An {@link ActivityService} that times every call of another and records the sizes of pages, cancels and
 * approvals; the same for the local stores and the remote Landscape client.
 *
 * <pre>{@code
 * ActivityService landscape = LandscapeClient.builder(uri).accessKey(keyId, secret).build();
 * ActivityService service = MeteredActivityService.of(landscape, registry, Tags.of("peer", "landscape"));
 * service.getActivities(QueryCriteria.parse("status:failed"), 20, 0);
 * }</pre>
 *
 * <p><b>Meters</b> (each with the tags given):
 *
 * <ul>
 *   <li>{@code activity4j.activities.calls} (timer), tags {@code method} ({@code getActivities}, {@code
 *       getActivityTypes}, {@code cancelActivities}, {@code approveActivities}, {@code streamActivities}: a
 *       stream is one call, from {@code streamActivities} to its end, i.e. its last activity read, a failure,
 *       or its close), {@code outcome} ({@code success}
 *       or {@code error}) and {@code exception} (the simple class name of what the call threw, e.g. {@code
 *       ActivityStatusChangeException}, {@code RemoteApiException}; {@code none} when it returned);
 *   <li>{@code activity4j.activities.page.size} (distribution summary, activities): activities per page
 *       returned by {@code getActivities};
 *   <li>{@code activity4j.activities.stream.size} (distribution summary, activities): activities per stream
 *       of {@code streamActivities}, recorded when it ends;
 *   <li>{@code activity4j.activities.cancel.size} and {@code activity4j.activities.approve.size} (distribution
 *       summaries, activities): activities canceled or approved per successful call.
 * </ul>
 *
 * What the wrapped service throws is rethrown unchanged. Histograms and percentiles are left to the
 * registry's {@code MeterFilter}s, as Micrometer suggests.
 *
 * <p>Immutable and thread-safe if the wrapped service is.
 */
public final class MeteredActivityService implements ActivityService {
    private final ActivityService service;
    private final CallTimer timer;
    private final DistributionSummary pageSize;
    private final DistributionSummary streamSize;
    private final DistributionSummary cancelSize;
    private final DistributionSummary approveSize;

    private MeteredActivityService(ActivityService service, CallTimer timer) {
        this.service = Objects.requireNonNull(service, "service");
        this.timer = timer;
        this.pageSize = summary(timer, "activity4j.activities.page.size", "Activities per page returned");
        this.streamSize = summary(timer, "activity4j.activities.stream.size", "Activities per stream read");
        this.cancelSize = summary(timer, "activity4j.activities.cancel.size", "Activities canceled per call");
        this.approveSize = summary(timer, "activity4j.activities.approve.size", "Activities approved per call");
    }

    /** {@code service}, metered in {@code registry}. */
    public static MeteredActivityService of(ActivityService service, MeterRegistry registry) {
        return of(service, registry, Tags.empty());
    }

    /** {@code service}, metered in {@code registry} with {@code tags} on every meter. */
    public static MeteredActivityService of(ActivityService service, MeterRegistry registry, Iterable<Tag> tags) {
        return new MeteredActivityService(service, timer(registry, tags));
    }

    static CallTimer timer(MeterRegistry registry, Iterable<Tag> tags) {
        return new CallTimer(
                Objects.requireNonNull(registry, "registry"),
                "activity4j.activities.calls",
                "Calls of an activity service or store",
                Tags.of(Objects.requireNonNull(tags, "tags")));
    }

    /** The same service as {@code service}'s, metered with {@code timer}: for {@link MeteredActivityStore}. */
    static MeteredActivityService with(ActivityService service, CallTimer timer) {
        return new MeteredActivityService(service, timer);
    }

    private static DistributionSummary summary(CallTimer timer, String name, String description) {
        return DistributionSummary.builder(name)
                .description(description)
                .baseUnit("activities")
                .tags(timer.tags())
                .register(timer.registry());
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        List<Activity> page = timer.time("getActivities", () -> service.getActivities(query, limit, offset));
        pageSize.record(page.size());
        return page;
    }

    /**
     * The wrapped service's stream, metered as one call of {@code streamActivities} (timed from the call to
     * the stream's end: its last activity read, a failure, or its close) and its length in {@code
     * activity4j.activities.stream.size}.
     */
    @Override
    public Stream<Activity> streamActivities(QueryCriteria query, int pageSize) {
        return MeteredStream.of(timer, "streamActivities", streamSize, () -> service.streamActivities(query, pageSize));
    }

    @Override
    public List<String> getActivityTypes() {
        return timer.time("getActivityTypes", service::getActivityTypes);
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        List<Long> canceled = timer.time("cancelActivities", () -> service.cancelActivities(query));
        cancelSize.record(canceled.size());
        return canceled;
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        List<Long> approved = timer.time("approveActivities", () -> service.approveActivities(query));
        approveSize.record(approved.size());
        return approved;
    }

    @Override
    public String toString() {
        return "metered " + service;
    }
}
