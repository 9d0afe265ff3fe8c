package org.activity4j.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link ActivityService} that also takes the writes of the service that embeds it: computers and
 * people, new activities, and what computers report (delivery, progress, completion). Each store instance
 * serves one account; {@link #forAccount(String)} gives the same store's view of another account.
 *
 * <pre>{@code
 * ActivityStore store = ActivityStores.inMemory();
 * store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
 * store.registerComputer(Computer.builder(3, "web1").tags(Set.of("server")).build());
 * Activity a = store.createActivity(NewActivity.builder("RestartRequest", 5).computerId(3).summary("Restart").build());
 * store.markDelivered(a.id());
 * store.complete(a.id(), true, "Restarted", 0);
 * }</pre>
 *
 * <p>Implementations are thread-safe. Every state change is atomic; a change that the current status
 * forbids throws {@link ActivityStatusChangeException} and changes nothing.
 */
public interface ActivityStore extends ActivityService {

    /**
     * The earliest instant a store keeps (deliver-after times, and its clock's readings): the first instant of
     * year 1. Stores keep years 1 to 9999, the years that ISO 8601 and RFC 3339 write with four digits, so
     * every wire format and the query language ({@code created-after:YYYY-MM-DD}) can express each stored
     * time. PostgreSQL's {@code timestamptz} holds more (4713 BC to 294276 AD), but years before 1 are
     * counted differently by PostgreSQL (1 BC) and java.time (year 0), and {@code Instant.MAX} overflows the
     * microseconds PostgreSQL counts.
     */
    Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant a store keeps: the last microsecond of year 9999; see {@link #EARLIEST_INSTANT}. */
    Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The optional parts of the store that it could not set up and works without, more slowly: empty when
     * it has them all, or when it cannot know ({@link SchemaMode#NONE}). Found once, when the store started.
     *
     * <pre>{@code
     * store.missingFeatures().forEach(f -> System.out.println(f.whenMissing()));
     * }</pre>
     */
    default Set<StoreFeature> missingFeatures() {
        return Set.of();
    }

    /** The account this instance serves. */
    String account();

    /** The same store, serving another account. Accounts share nothing but the storage. */
    ActivityStore forAccount(String account);

    /** Adds the computer, or replaces the one with its id. */
    void registerComputer(Computer computer);

    /** Adds the person, or replaces the one with its id. */
    void registerPerson(Person person);

    /** The computer with this id, if registered in this account. */
    Optional<Computer> computer(long id);

    /** The activity with this id, if it belongs to this account. */
    Optional<Activity> activity(long id);

    /**
     * Creates an activity: unapproved when it requires approval; otherwise scheduled when its deliver-after
     * time is in the future, else undelivered.
     *
     * @throws IllegalArgumentException if its creator, computer or parent is not known in this account
     * @throws IllegalStateException if the store's clock reads a time outside {@link #EARLIEST_INSTANT} and
     *     {@link #LATEST_INSTANT}
     */
    Activity createActivity(NewActivity activity);

    /**
     * Creates several activities in one step (all or none), all at the same creation time; see {@link
     * #createActivity(NewActivity)}. They get increasing ids in the order of the list. Meant for bulk
     * actions too (one activity per computer of a fleet): the PostgreSQL store writes a batch of any size
     * with a few set-based statements.
     */
    List<Activity> createActivities(List<NewActivity> activities);

    /**
     * Imports existing activities as they are: their ids, statuses, times, results, progress and details
     * (moving from another Landscape server's export, restoring a backup). All or nothing: if any activity
     * cannot be kept as it is, nothing is written and the error names every such activity. Their creators
     * and computers must be registered in this account first, and a parent must be stored already or come in
     * the same batch; the creator shown is the registered person with the creator's id (the creator's name
     * and email in the given activity are not kept). Times are kept to the microsecond (what PostgreSQL
     * keeps): the returned activities are the stored ones, with times cut to whole microseconds.
     *
     * <p>Ids are unique in the whole store (every account): an id already stored, in any account, is
     * refused. After an import, new activities get ids above every imported one.
     *
     * <pre>{@code
     * List<Activity> restored = store.importActivities(backup); // ids, statuses and times as in the backup
     * }</pre>
     *
     * @return the stored activities, in the order given
     * @throws ActivityImportException if an id is stored already or given twice, the creator, computer or
     *     parent is unknown in this account, a text cannot be stored, a time is outside {@link
     *     #EARLIEST_INSTANT} and {@link #LATEST_INSTANT}, or the summary or details exceed the limits of
     *     {@link NewActivity}
     */
    List<Activity> importActivities(List<Activity> activities);

    /**
     * The computer picked the activity up: undelivered or scheduled becomes delivered.
     *
     * @throws ActivityNotFoundException if the account has no such activity
     * @throws ActivityStatusChangeException if it is in any other status
     */
    Activity markDelivered(long id);

    /**
     * The computer reports progress (1 to 100 percent, or -1 for an error) of a delivered activity.
     *
     * @throws ActivityNotFoundException if the account has no such activity
     * @throws ActivityStatusChangeException if it is not delivered
     */
    Activity reportProgress(long id, int progress);

    /**
     * The computer finished a delivered activity: it becomes succeeded or failed, with the result.
     *
     * @throws ActivityNotFoundException if the account has no such activity
     * @throws ActivityStatusChangeException if it is not delivered
     */
    Activity complete(long id, boolean succeeded, String resultText, int resultCode);
}
