package org.activity4j.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityImportException;
import org.activity4j.core.ActivityNotFoundException;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;

/**
 * The embedded store: every account's computers, people and activities in memory, behind one read-write
 * lock, so each call sees and changes a consistent state (cancel and approve check and change all selected
 * activities under the write lock). Queries scan activities newest first and stop at the page's end.
 */
public final class InMemoryActivityStore implements ActivityStore {
    private static final Comparator<Activity> NEWEST_FIRST = KeysetStream.NEWEST_FIRST;

    private final Shared shared;
    private final String account;

    private InMemoryActivityStore(Shared shared, String account) {
        this.shared = shared;
        this.account = Lifecycle.checkAccount(account);
    }

    public static ActivityStore create(Clock clock, String account) {
        return new InMemoryActivityStore(new Shared(clock), account);
    }

    /** What all accounts of one store share: the data, the lock, the id sequence and the clock. */
    private static final class Shared {
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<String, AccountData> accounts = new HashMap<>();
        final Clock clock;
        long lastId;

        Shared(Clock clock) {
            this.clock = clock;
        }
    }

    /** One account's data. */
    private static final class AccountData {
        final Map<Long, Computer> computers = new HashMap<>();
        final Map<Long, Person> people = new HashMap<>();
        final Map<Long, Activity> activities = new HashMap<>();
        final NavigableSet<Activity> newestFirst = new TreeSet<>(NEWEST_FIRST);
        final Map<String, Integer> typeCounts = new TreeMap<>();

        void put(Activity activity) {
            Activity old = activities.put(activity.id(), activity);
            if (old != null) {
                newestFirst.remove(old);
            } else {
                typeCounts.merge(activity.type(), 1, Integer::sum);
            }
            newestFirst.add(activity);
        }

        /** The activity with its creator as currently registered. */
        Activity current(Activity a) {
            Person creator = people.get(a.creator().id());
            return creator == null || creator.equals(a.creator()) ? a : Activities.withCreator(a, creator);
        }
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public ActivityStore forAccount(String account) {
        return new InMemoryActivityStore(shared, account);
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        Lifecycle.checkPage(limit, offset, ActivityService.MAX_LIMIT);
        return read(data -> {
            Predicate<Activity> matches = matcher(query, data);
            List<Activity> page = new ArrayList<>(Math.min(limit, 64));
            int skipped = 0;
            for (Activity a : data.newestFirst) {
                if (page.size() == limit) {
                    break;
                }
                if (matches.test(a)) {
                    if (skipped < offset) {
                        skipped++;
                    } else {
                        page.add(data.current(a));
                    }
                }
            }
            return page;
        });
    }

    /**
     * Pages by keyset: each page, under the read lock, walks the activities after the last one yielded
     * ({@code tailSet}), so a page costs the same at any depth.
     */
    @Override
    public Stream<Activity> streamActivities(QueryCriteria query, int pageSize) {
        Objects.requireNonNull(query, "query");
        KeysetStream.checkPageSize(pageSize);
        return KeysetStream.of(last -> read(data -> {
            Predicate<Activity> matches = matcher(query, data);
            List<Activity> page = new ArrayList<>(Math.min(pageSize, 64));
            for (Activity a : last.isPresent() ? data.newestFirst.tailSet(last.get(), false) : data.newestFirst) {
                if (page.size() == pageSize) {
                    break;
                }
                if (matches.test(a)) {
                    page.add(data.current(a));
                }
            }
            return KeysetStream.Page.of(page, pageSize);
        }));
    }

    @Override
    public List<String> getActivityTypes() {
        return read(data -> {
            TreeMap<String, Integer> types = new TreeMap<>(data.typeCounts);
            Lifecycle.KNOWN_TYPES.forEach(t -> types.putIfAbsent(t, 0));
            return List.copyOf(types.keySet());
        });
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        return changeAll(query, a -> Lifecycle.cancelRefusal(a.status()), (a, now) -> Activities.canceled(a, now));
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        return changeAll(query, a -> Lifecycle.approveRefusal(a.status()), (a, now) -> Activities.approved(a, now));
    }

    private List<Long> changeAll(
            QueryCriteria query,
            Function<Activity, Optional<String>> refusal,
            java.util.function.BiFunction<Activity, Instant, Activity> change) {
        return write(data -> {
            Predicate<Activity> matches = matcher(query, data);
            List<Activity> selected = new ArrayList<>();
            Map<Long, String> refused = new TreeMap<>();
            for (Activity a : data.activities.values()) {
                if (matches.test(a)) {
                    selected.add(a);
                    refusal.apply(a).ifPresent(reason -> refused.put(a.id(), reason));
                }
            }
            if (!refused.isEmpty()) {
                throw new ActivityStatusChangeException(refused);
            }
            Instant now = Lifecycle.now(shared.clock);
            List<Long> ids = new ArrayList<>(selected.size());
            for (Activity a : selected) {
                data.put(change.apply(a, now));
                ids.add(a.id());
            }
            ids.sort(null);
            return ids;
        });
    }

    @Override
    public void registerComputer(Computer computer) {
        TextRules.check(computer);
        write(data -> data.computers.put(computer.id(), computer));
    }

    @Override
    public void registerPerson(Person person) {
        TextRules.check(person);
        write(data -> data.people.put(person.id(), person));
    }

    @Override
    public Optional<Computer> computer(long id) {
        return read(data -> Optional.ofNullable(data.computers.get(id)));
    }

    @Override
    public Optional<Activity> activity(long id) {
        return read(data -> Optional.ofNullable(data.activities.get(id)).map(data::current));
    }

    @Override
    public Activity createActivity(NewActivity activity) {
        return createActivities(List.of(activity)).get(0);
    }

    @Override
    public List<Activity> createActivities(List<NewActivity> activities) {
        activities.forEach(TextRules::check);
        return write(data -> {
            Instant now = Lifecycle.now(shared.clock);
            List<Activity> created = new ArrayList<>(activities.size());
            long nextId = shared.lastId;
            for (NewActivity n : activities) {
                Person creator = data.people.get(n.creatorId());
                if (creator == null) {
                    throw Lifecycle.unknown("person", n.creatorId(), account);
                }
                n.computerId().ifPresent(id -> {
                    if (!data.computers.containsKey(id)) {
                        throw Lifecycle.unknown("computer", id, account);
                    }
                });
                n.parentId().ifPresent(id -> {
                    if (!data.activities.containsKey(id)) {
                        throw Lifecycle.unknown("activity", id, account);
                    }
                });
                Activity a = Activity.builder(
                                ++nextId,
                                n.type(),
                                Lifecycle.initialStatus(
                                        n.requiresApproval(), n.deliverAfter().map(Lifecycle::micros), now),
                                creator,
                                now)
                        .parentId(n.parentId())
                        .computerId(n.computerId())
                        .summary(n.summary())
                        .deliverAfterTime(n.deliverAfter().map(Lifecycle::micros))
                        .details(n.details())
                        .build();
                created.add(a);
            }
            shared.lastId = nextId;
            created.forEach(data::put);
            return created;
        });
    }

    @Override
    public List<Activity> importActivities(List<Activity> activities) {
        return write(data -> {
            Map<Long, String> refused = new TreeMap<>();
            java.util.Set<Long> batch = new java.util.HashSet<>(activities.size() * 2);
            List<Activity> checked = ImportRules.check(activities, refused, batch);
            for (Long id : batch) {
                if (id <= shared.lastId && storedInAnyAccount(id)) {
                    refused.putIfAbsent(id, "the id is stored already");
                }
            }
            for (Activity a : checked) {
                if (!data.people.containsKey(a.creator().id())) {
                    refused.putIfAbsent(a.id(), unknown("person", a.creator().id()));
                }
                a.computerId().ifPresent(id -> {
                    if (!data.computers.containsKey(id)) {
                        refused.putIfAbsent(a.id(), unknown("computer", id));
                    }
                });
                a.parentId().ifPresent(id -> {
                    if (!data.activities.containsKey(id) && !batch.contains(id)) {
                        refused.putIfAbsent(a.id(), unknown("activity", id));
                    }
                });
            }
            if (!refused.isEmpty()) {
                throw new ActivityImportException(refused);
            }
            List<Activity> stored = new ArrayList<>(checked.size());
            for (Activity a : checked) {
                shared.lastId = Math.max(shared.lastId, a.id());
                Person creator =
                        Objects.requireNonNull(data.people.get(a.creator().id()));
                Activity kept = creator.equals(a.creator()) ? a : Activities.withCreator(a, creator);
                data.put(kept);
                stored.add(kept);
            }
            return stored;
        });
    }

    /** Whether any account holds an activity with this id (every stored id is at most {@code lastId}). */
    private boolean storedInAnyAccount(Long id) {
        for (AccountData other : shared.accounts.values()) {
            if (other.activities.containsKey(id)) {
                return true;
            }
        }
        return false;
    }

    private String unknown(String kind, long id) {
        return Lifecycle.unknownReason(kind, id, account);
    }

    @Override
    public Activity markDelivered(long id) {
        return changeOne(
                id,
                (a, now) -> Lifecycle.deliveryRefusal(a.status(), a.deliverAfterTime(), now),
                (a, now) -> Activities.delivered(a, now));
    }

    @Override
    public Activity reportProgress(long id, int progress) {
        Lifecycle.checkProgress(progress);
        return changeOne(
                id,
                (a, now) -> Lifecycle.reportRefusal(a.status()),
                (a, now) -> Activities.progressed(a, progress, now));
    }

    @Override
    public Activity complete(long id, boolean succeeded, String resultText, int resultCode) {
        TextRules.check("result text", resultText);
        return changeOne(
                id,
                (a, now) -> Lifecycle.reportRefusal(a.status()),
                (a, now) -> Activities.completed(a, succeeded, resultText, resultCode, now));
    }

    private Activity changeOne(
            long id,
            java.util.function.BiFunction<Activity, Instant, Optional<String>> refusal,
            java.util.function.BiFunction<Activity, Instant, Activity> change) {
        return write(data -> {
            Activity a = data.activities.get(id);
            if (a == null) {
                throw new ActivityNotFoundException(id, account);
            }
            Instant now = Lifecycle.now(shared.clock);
            Optional<String> refused = refusal.apply(a, now);
            if (refused.isPresent()) {
                throw new ActivityStatusChangeException(Map.of(id, refused.get()));
            }
            Activity changed = change.apply(a, now);
            data.put(changed);
            return data.current(changed);
        });
    }

    private Predicate<Activity> matcher(QueryCriteria query, AccountData data) {
        return ActivityMatcher.compile(
                query,
                id -> Optional.ofNullable(data.computers.get(id)),
                id -> Optional.ofNullable(data.people.get(id)));
    }

    private <T> T read(Function<AccountData, T> action) {
        shared.lock.readLock().lock();
        try {
            AccountData data = shared.accounts.get(account);
            return action.apply(data == null ? new AccountData() : data);
        } finally {
            shared.lock.readLock().unlock();
        }
    }

    private <T> T write(Function<AccountData, T> action) {
        shared.lock.writeLock().lock();
        try {
            return action.apply(shared.accounts.computeIfAbsent(account, a -> new AccountData()));
        } finally {
            shared.lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryActivityStore[account=" + account + "]";
    }
}
