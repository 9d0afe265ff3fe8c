package org.activity4j.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.micrometer.internal.CallTimer;
import org.activity4j.query.QueryCriteria;

/**
 * An {@link ActivityStore} that times every call of another, with the meters of {@link
 * MeteredActivityService} (the same names), the store's writes included: tag {@code method} is also {@code
 * createActivity}, {@code createActivities}, {@code importActivities}, {@code markDelivered}, {@code reportProgress}, {@code complete},
 * {@code registerComputer}, {@code registerPerson}, {@code computer} or {@code activity}. {@link
 * #forAccount(String)} gives the other account's view, metered the same way (no account tag: accounts are
 * many).
 *
 * <pre>{@code
 * ActivityStore store = MeteredActivityStore.of(ActivityStores.postgres(dataSource), registry);
 * store.createActivity(NewActivity.builder("RestartRequest", 5).computerId(3).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe if the wrapped store is.
 */
public final class MeteredActivityStore implements ActivityStore {
    private final ActivityStore store;
    private final CallTimer timer;
    private final MeteredActivityService service;

    private MeteredActivityStore(ActivityStore store, CallTimer timer) {
        this.store = Objects.requireNonNull(store, "store");
        this.timer = timer;
        this.service = MeteredActivityService.with(store, timer);
    }

    /** {@code store}, metered in {@code registry}. */
    public static MeteredActivityStore of(ActivityStore store, MeterRegistry registry) {
        return of(store, registry, Tags.empty());
    }

    /** {@code store}, metered in {@code registry} with {@code tags} on every meter. */
    public static MeteredActivityStore of(ActivityStore store, MeterRegistry registry, Iterable<Tag> tags) {
        return new MeteredActivityStore(store, MeteredActivityService.timer(registry, tags));
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        return service.getActivities(query, limit, offset);
    }

    @Override
    public Stream<Activity> streamActivities(QueryCriteria query, int pageSize) {
        return service.streamActivities(query, pageSize);
    }

    @Override
    public List<String> getActivityTypes() {
        return service.getActivityTypes();
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        return service.cancelActivities(query);
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        return service.approveActivities(query);
    }

    @Override
    public String account() {
        return store.account();
    }

    @Override
    public MeteredActivityStore forAccount(String account) {
        return new MeteredActivityStore(store.forAccount(account), timer);
    }

    @Override
    public void registerComputer(Computer computer) {
        timer.run("registerComputer", () -> store.registerComputer(computer));
    }

    @Override
    public void registerPerson(Person person) {
        timer.run("registerPerson", () -> store.registerPerson(person));
    }

    @Override
    public Optional<Computer> computer(long id) {
        return timer.time("computer", () -> store.computer(id));
    }

    @Override
    public Optional<Activity> activity(long id) {
        return timer.time("activity", () -> store.activity(id));
    }

    @Override
    public Activity createActivity(NewActivity activity) {
        return timer.time("createActivity", () -> store.createActivity(activity));
    }

    @Override
    public List<Activity> createActivities(List<NewActivity> activities) {
        return timer.time("createActivities", () -> store.createActivities(activities));
    }

    @Override
    public List<Activity> importActivities(List<Activity> activities) {
        return timer.time("importActivities", () -> store.importActivities(activities));
    }

    @Override
    public Activity markDelivered(long id) {
        return timer.time("markDelivered", () -> store.markDelivered(id));
    }

    @Override
    public Activity reportProgress(long id, int progress) {
        return timer.time("reportProgress", () -> store.reportProgress(id, progress));
    }

    @Override
    public Activity complete(long id, boolean succeeded, String resultText, int resultCode) {
        return timer.time("complete", () -> store.complete(id, succeeded, resultText, resultCode));
    }

    @Override
    public String toString() {
        return "metered " + store;
    }
}
