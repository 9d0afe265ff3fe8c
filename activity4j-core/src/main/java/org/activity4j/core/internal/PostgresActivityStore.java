package org.activity4j.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityImportException;
import org.activity4j.core.ActivityNotFoundException;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.Computer;
import org.activity4j.core.JsonValue;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.StoreFeature;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.jspecify.annotations.Nullable;

/**
 * The activity store in PostgreSQL, in a schema of the caller's choice that it checks, creates or upgrades
 * ({@link StoreSetup}, {@link Migrations}). Reads run under the options' statement timeout and writes under
 * their lock timeout, both {@code SET LOCAL} in the call's transaction. An activity is two rows: {@code
 * activity a}, written once and covered by the search indexes, and {@code activity_state s}, what changes
 * afterwards (status, times, result, progress) with a status index, so status changes do not touch the
 * search indexes. Queries compile to SQL with bind
 * parameters ({@link ActivitySql}), served by the indexes of the schema. Cancel and approve lock the
 * selected state rows ({@code FOR UPDATE}, in id order), check every status, and change all of them in the
 * same transaction or none; single-activity reports lock their state row the same way, so concurrent
 * changes apply exactly once.
 */
public final class PostgresActivityStore implements ActivityStore {
    /**
     * The most word index entries a one-word query reads before it reads the newest activities instead: a
     * word in more summaries than this is common enough that the newest activities soon hold a page of it.
     */
    static final int WORD_CANDIDATES = 5000;

    /** The columns of an activity row, in the order of {@code activity_rows} (read by index). */
    static final String COLUMNS = "a.id, a.parent_id, a.computer_id, a.creator_id, p.name, p.email, a.type,"
            + " s.status, a.summary, s.result_text, s.result_code, s.progress, a.creation_time, s.delivery_time,"
            + " s.completion_time, s.modification_time, s.approval_time, a.deliver_after_time, a.details";

    /**
     * The columns of a stream page ({@link KeysetPageSql}): those of {@link #COLUMNS}, in the same places, but
     * with nulls for the creator's name and email, which the page reads once per creator in a second statement.
     */
    static final String STREAM_COLUMNS = "a.id, a.parent_id, a.computer_id, a.creator_id, NULL::text, NULL::text,"
            + " a.type, s.status, a.summary, s.result_text, s.result_code, s.progress, a.creation_time,"
            + " s.delivery_time, s.completion_time, s.modification_time, s.approval_time, a.deliver_after_time,"
            + " a.details";

    /**
     * A page of a stream is two statements (its rows, then their creators), so it runs in a snapshot: both see
     * the same data, as the one statement of a {@code getActivities} page does.
     */
    private static final String ONE_SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";

    /** Stands for an activity's creator until the page has read its creators. */
    private static final Person CREATOR_TO_READ = new Person(1, "", "-");

    private final DataSource dataSource;
    private final PostgresStoreOptions options;
    private final String schemaName;
    private final String schema;
    private final String account;
    private final Clock clock;
    /** {@code SET LOCAL} statements of reads: the statement timeout. */
    private final String reads;
    /** {@code SET LOCAL} statements of writes: the lock timeout. */
    private final String writes;

    private final Set<StoreFeature> missing;

    private PostgresActivityStore(
            DataSource dataSource, PostgresStoreOptions options, Set<StoreFeature> missing, String account) {
        this.dataSource = dataSource;
        this.schemaName = options.schema();
        this.schema = '"' + schemaName + '"';
        this.clock = options.clock();
        this.reads = Jdbc.timeout("statement_timeout", options.statementTimeout());
        this.writes = Jdbc.timeout("lock_timeout", options.lockTimeout());
        this.missing = Set.copyOf(missing);
        this.account = Lifecycle.checkAccount(account);
        this.options = options;
    }

    /**
     * A store set up as {@code options} say ({@link StoreSetup}: the schema checked, created or upgraded now),
     * serving {@code account}.
     */
    public static ActivityStore create(DataSource dataSource, PostgresStoreOptions options, String account) {
        Lifecycle.checkAccount(account);
        Set<StoreFeature> missing = StoreSetup.run(dataSource, options);
        return new PostgresActivityStore(dataSource, options, missing, account);
    }

    @Override
    public Set<StoreFeature> missingFeatures() {
        return missing;
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public ActivityStore forAccount(String account) {
        return new PostgresActivityStore(dataSource, options, missing, account);
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        Lifecycle.checkPage(limit, offset, ActivityService.MAX_LIMIT);
        ActivitySql.Condition where = ActivitySql.compile(query, schema, account);
        return Jdbc.readPlannedForValues(dataSource, "listing activities", reads, page(where), p -> {
            bindPage(p, where, limit, offset);
            return activities(p);
        });
    }

    /**
     * Pages by keyset ({@link KeysetPageSql}): each page is one statement in a transaction of its own, under
     * the options' statement timeout, on a connection taken from the data source for that page and given back
     * after it; no connection is held between pages.
     */
    @Override
    public Stream<Activity> streamActivities(QueryCriteria query, int pageSize) {
        Objects.requireNonNull(query, "query");
        KeysetStream.checkPageSize(pageSize);
        ActivitySql.Condition where = ActivitySql.compile(query, schema, account);
        KeysetPageSql first = KeysetPageSql.of(where, schema, account, true);
        KeysetPageSql next = KeysetPageSql.of(where, schema, account, false);
        String settings = Jdbc.settings(ONE_SNAPSHOT, reads);
        return KeysetStream.of(last -> {
            KeysetPageSql page = last.isEmpty() ? first : next;
            return Jdbc.readManyPlannedForValues(dataSource, "streaming activities", settings, page.sql(), p -> {
                page.bind(p, last, pageSize);
                return streamPage(p, pageSize);
            });
        });
    }

    /**
     * Reads the rows of a stream page ({@link #STREAM_COLUMNS}), then their creators in one statement: joining
     * {@code person} in the page statement made PostgreSQL probe it once per row, or hash it, where the page
     * has a few distinct creators. A creator that is not found (a row removed by hand) fails the page with
     * {@link ActivityStoreException}.
     */
    private KeysetStream.Page streamPage(PreparedStatement p, int pageSize) throws SQLException {
        List<Activity.Builder> rows = new ArrayList<>();
        long[] idOfRow = new long[pageSize];
        long[] creatorOfRow = new long[pageSize];
        Set<Long> creatorIds = new HashSet<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                idOfRow[rows.size()] = rs.getLong(1);
                creatorOfRow[rows.size()] = rs.getLong(4);
                creatorIds.add(creatorOfRow[rows.size()]);
                rows.add(activityBuilder(rs, CREATOR_TO_READ));
            }
        }
        Map<Long, Person> creators = new HashMap<>();
        if (!rows.isEmpty()) {
            try (PreparedStatement q = p.getConnection()
                    .prepareStatement(
                            "SELECT id, name, email FROM " + schema + ".person WHERE account = ? AND id = ANY (?)")) {
                q.setString(1, account);
                q.setArray(2, p.getConnection().createArrayOf("bigint", creatorIds.toArray(new Long[0])));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        creators.put(id, new Person(id, rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        List<Activity> page = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Person creator = creators.get(creatorOfRow[i]);
            if (creator == null) {
                // The store refuses activities of unknown persons and never deletes one: the row was removed by hand.
                throw new ActivityStoreException("the creator " + creatorOfRow[i] + " of activity " + idOfRow[i]
                        + " (account " + account + ") is not in " + schema + ".person");
            }
            page.add(rows.get(i).creator(creator).build());
        }
        return KeysetStream.Page.of(page, pageSize);
    }

    @Override
    public List<String> getActivityTypes() {
        return Jdbc.transaction(dataSource, "listing activity types", reads, c -> {
            TreeSet<String> types = new TreeSet<>(Lifecycle.KNOWN_TYPES);
            // A loose index scan: one index probe per distinct type instead of reading every activity.
            try (PreparedStatement p = c.prepareStatement("WITH RECURSIVE t(type) AS ("
                    + " (SELECT type FROM " + schema + ".activity WHERE account = ? ORDER BY type LIMIT 1)"
                    + " UNION ALL SELECT (SELECT a.type FROM " + schema + ".activity a WHERE a.account = ?"
                    + " AND a.type > t.type ORDER BY a.type LIMIT 1) FROM t WHERE t.type IS NOT NULL)"
                    + " SELECT type FROM t WHERE type IS NOT NULL")) {
                p.setString(1, account);
                p.setString(2, account);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        types.add(rs.getString(1));
                    }
                }
            }
            return List.copyOf(types);
        });
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        return changeAll(
                query,
                "canceling activities",
                Lifecycle::cancelRefusal,
                "status = 'canceled', completion_time = ?, modification_time = ?",
                2,
                false);
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        return changeAll(
                query,
                "approving activities",
                Lifecycle::approveRefusal,
                "status = CASE WHEN a.deliver_after_time IS NOT NULL AND a.deliver_after_time > ?"
                        + " THEN 'scheduled' ELSE 'undelivered' END, approval_time = ?, modification_time = ?",
                3,
                true);
    }

    /**
     * Locks the selected state rows, checks them all, then changes them all; {@code set} (on {@code s}, and
     * reading {@code a} when {@code readsActivity}) takes "now" n times.
     */
    private List<Long> changeAll(
            QueryCriteria query,
            String what,
            java.util.function.Function<ActivityStatus, Optional<String>> refusal,
            String set,
            int nowCount,
            boolean readsActivity) {
        ActivitySql.Condition where = ActivitySql.compile(query, schema, account);
        return Jdbc.transaction(dataSource, what, Jdbc.settings(writes, Jdbc.CUSTOM_PLANS), c -> {
            List<Long> ids = new ArrayList<>();
            Map<Long, String> refused = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(lockAll(where))) {
                bindAccountsAnd(p, 1, where.source().withState(), where);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        ids.add(id);
                        refusal.apply(status(rs.getString(2))).ifPresent(reason -> refused.put(id, reason));
                    }
                }
            }
            if (!refused.isEmpty()) {
                throw new ActivityStatusChangeException(refused);
            }
            if (!ids.isEmpty()) {
                Instant now = Lifecycle.now(clock);
                String from = readsActivity ? " FROM " + schema + ".activity a WHERE a.id = s.id AND" : " WHERE";
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE " + schema + ".activity_state s SET " + set + from + " s.id = ANY(?)")) {
                    for (int i = 1; i <= nowCount; i++) {
                        p.setObject(i, Jdbc.timestamp(now));
                    }
                    Jdbc.bind(p, nowCount + 1, ids.toArray(new Long[0]));
                    p.executeUpdate();
                }
            }
            return ids;
        });
    }

    @Override
    public void registerComputer(Computer computer) {
        TextRules.check(computer);
        Jdbc.transaction(dataSource, "registering computer " + computer.id(), writes, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema + ".computer (account, id,"
                    + " hostname, title, access_group, distribution, needs_reboot) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (account, id) DO UPDATE SET hostname = excluded.hostname, title = excluded.title,"
                    + " access_group = excluded.access_group, distribution = excluded.distribution,"
                    + " needs_reboot = excluded.needs_reboot")) {
                p.setString(1, account);
                p.setLong(2, computer.id());
                p.setString(3, computer.hostname());
                p.setString(4, computer.title());
                p.setString(5, computer.accessGroup());
                p.setString(6, computer.distribution().orElse(null));
                p.setBoolean(7, computer.needsReboot());
                p.executeUpdate();
            }
            // The upsert locked the computer row: activities being created for it wait, or are committed.
            Set<String> oldTags = strings(
                    c,
                    "SELECT tag FROM " + schema + ".computer_tag WHERE account = ? AND computer_id = ?",
                    computer.id());
            for (String table : List.of("computer_tag", "computer_alert", "computer_annotation")) {
                try (PreparedStatement p = c.prepareStatement(
                        "DELETE FROM " + schema + "." + table + " WHERE account = ? AND computer_id = ?")) {
                    p.setString(1, account);
                    p.setLong(2, computer.id());
                    p.executeUpdate();
                }
            }
            insertPairs(c, "computer_tag (account, computer_id, tag) VALUES (?, ?, ?)", computer.id(), computer.tags());
            retag(c, computer.id(), oldTags, computer.tags());
            insertPairs(
                    c,
                    "computer_alert (account, computer_id, alert) VALUES (?, ?, ?)",
                    computer.id(),
                    computer.alerts());
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema
                    + ".computer_annotation (account, computer_id, key, value) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, String> a : computer.annotations().entrySet()) {
                    p.setString(1, account);
                    p.setLong(2, computer.id());
                    p.setString(3, a.getKey());
                    p.setString(4, a.getValue());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return computer;
        });
    }

    /** Brings the tag index rows of the computer's activities from its old tags to its new ones. */
    private void retag(Connection c, long computerId, Set<String> oldTags, Set<String> newTags) throws SQLException {
        Set<String> removed = new TreeSet<>(oldTags);
        removed.removeAll(newTags);
        Set<String> added = new TreeSet<>(newTags);
        added.removeAll(oldTags);
        if (!removed.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM " + schema + ".activity_tag WHERE account = ? AND computer_id = ? AND tag = ANY(?)")) {
                p.setString(1, account);
                p.setLong(2, computerId);
                Jdbc.bind(p, 3, removed.toArray(new String[0]));
                p.executeUpdate();
            }
        }
        if (!added.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema
                    + ".activity_tag (account, tag, creation_time, id, computer_id)"
                    + " SELECT a.account, t.tag, a.creation_time, a.id, a.computer_id"
                    + " FROM " + schema + ".activity a CROSS JOIN unnest(?::text[]) AS t(tag)"
                    + " WHERE a.account = ? AND a.computer_id = ?")) {
                Jdbc.bind(p, 1, added.toArray(new String[0]));
                p.setString(2, account);
                p.setLong(3, computerId);
                p.executeUpdate();
            }
        }
    }

    private void insertPairs(Connection c, String into, long computerId, Set<String> values) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema + "." + into)) {
            for (String v : values) {
                p.setString(1, account);
                p.setLong(2, computerId);
                p.setString(3, v);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public void registerPerson(Person person) {
        TextRules.check(person);
        Jdbc.transaction(dataSource, "registering person " + person.id(), writes, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema + ".person (account, id, name,"
                    + " email, email_folded) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, id) DO UPDATE SET"
                    + " name = excluded.name, email = excluded.email, email_folded = excluded.email_folded")) {
                p.setString(1, account);
                p.setLong(2, person.id());
                p.setString(3, person.name());
                p.setString(4, person.email());
                p.setString(5, Ascii.lower(person.email()));
                p.executeUpdate();
            }
            return person;
        });
    }

    @Override
    public Optional<Computer> computer(long id) {
        return Jdbc.transaction(dataSource, "reading computer " + id, reads, c -> {
            Computer.Builder b;
            try (PreparedStatement p = c.prepareStatement("SELECT hostname, title, access_group, distribution,"
                    + " needs_reboot FROM " + schema + ".computer WHERE account = ? AND id = ?")) {
                p.setString(1, account);
                p.setLong(2, id);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    b = Computer.builder(id, rs.getString(1))
                            .title(rs.getString(2))
                            .accessGroup(rs.getString(3))
                            .needsReboot(rs.getBoolean(5));
                    String distribution = rs.getString(4);
                    if (distribution != null) {
                        b.distribution(distribution);
                    }
                }
            }
            b.tags(strings(c, "SELECT tag FROM " + schema + ".computer_tag WHERE account = ? AND computer_id = ?", id));
            b.alerts(strings(
                    c, "SELECT alert FROM " + schema + ".computer_alert WHERE account = ? AND computer_id = ?", id));
            try (PreparedStatement p = c.prepareStatement("SELECT key, value FROM " + schema
                    + ".computer_annotation WHERE account = ? AND computer_id = ?")) {
                p.setString(1, account);
                p.setLong(2, id);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        b.annotation(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return Optional.of(b.build());
        });
    }

    private Set<String> strings(Connection c, String sql, long id) throws SQLException {
        Set<String> values = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, account);
            p.setLong(2, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    @Override
    public Optional<Activity> activity(long id) {
        return Jdbc.transaction(dataSource, "reading activity " + id, reads, c -> read(c, id, false));
    }

    /** The activity, its row locked until the transaction ends when {@code lock} is set. */
    private Optional<Activity> read(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(select() + " WHERE a.account = ? AND a.id = ?" + (lock ? " FOR UPDATE OF s" : ""))) {
            p.setString(1, account);
            p.setLong(2, id);
            List<Activity> found = activities(p);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    @Override
    public Activity createActivity(NewActivity activity) {
        return createActivities(List.of(activity)).get(0);
    }

    @Override
    public List<Activity> createActivities(List<NewActivity> activities) {
        activities.forEach(TextRules::check);
        if (activities.isEmpty()) {
            return List.of();
        }
        return Jdbc.transaction(dataSource, "creating activities", writes, c -> {
            Map<Long, Person> people = people(
                    c,
                    activities.stream().map(NewActivity::creatorId).distinct().toArray(Long[]::new));
            // Locked for share until commit: their tags, copied to activity_tag below, cannot change meanwhile.
            Set<Long> computers = existing(
                    c,
                    "computer",
                    activities.stream()
                            .filter(a -> a.computerId().isPresent())
                            .map(a -> a.computerId().getAsLong())
                            .toArray(Long[]::new),
                    " ORDER BY id FOR SHARE");
            Set<Long> parents = existing(
                    c,
                    "activity",
                    activities.stream()
                            .filter(a -> a.parentId().isPresent())
                            .map(a -> a.parentId().getAsLong())
                            .toArray(Long[]::new),
                    "");
            for (NewActivity n : activities) {
                if (!people.containsKey(n.creatorId())) {
                    throw Lifecycle.unknown("person", n.creatorId(), account);
                }
                if (n.computerId().isPresent()
                        && !computers.contains(n.computerId().getAsLong())) {
                    throw Lifecycle.unknown("computer", n.computerId().getAsLong(), account);
                }
                if (n.parentId().isPresent() && !parents.contains(n.parentId().getAsLong())) {
                    throw Lifecycle.unknown("activity", n.parentId().getAsLong(), account);
                }
            }
            List<Long> ids = nextIds(c, activities.size());
            Instant now = Lifecycle.now(clock);
            List<Activity> created = new ArrayList<>(activities.size());
            for (int i = 0; i < activities.size(); i++) {
                NewActivity a = activities.get(i);
                Optional<Instant> after = a.deliverAfter().map(Lifecycle::micros);
                created.add(Activity.builder(
                                ids.get(i),
                                a.type(),
                                Lifecycle.initialStatus(a.requiresApproval(), after, now),
                                java.util.Objects.requireNonNull(people.get(a.creatorId())),
                                now)
                        .parentId(a.parentId())
                        .computerId(a.computerId())
                        .summary(a.summary())
                        .deliverAfterTime(after)
                        .details(a.details())
                        .build());
            }
            insert(c, created);
            return created;
        });
    }

    @Override
    public List<Activity> importActivities(List<Activity> activities) {
        Map<Long, String> refused = new TreeMap<>();
        List<Activity> checked = ImportRules.check(activities, refused);
        if (activities.isEmpty()) {
            return List.of();
        }
        return Jdbc.transaction(dataSource, "importing activities", writes, c -> {
            Long[] batchIds = activities.stream().map(Activity::id).distinct().toArray(Long[]::new);
            Map<Long, Person> people = people(
                    c, checked.stream().map(a -> a.creator().id()).distinct().toArray(Long[]::new));
            // Locked for share as createActivities does, before the id lock (see nextIds), so neither waits
            // for the other in a cycle.
            Set<Long> computers = existing(
                    c,
                    "computer",
                    checked.stream()
                            .filter(a -> a.computerId().isPresent())
                            .map(a -> a.computerId().getAsLong())
                            .distinct()
                            .toArray(Long[]::new),
                    " ORDER BY id FOR SHARE");
            // Waits for the transactions that are creating activities with ids of the sequence, and holds
            // back new ones until this one ends: the sequence is moved above the imported ids below.
            try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                p.setString(1, idLockKey());
                p.execute();
            }
            Set<Long> taken = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + schema + ".activity WHERE id = ANY(?)")) {
                Jdbc.bind(p, 1, batchIds);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        taken.add(rs.getLong(1));
                    }
                }
            }
            Set<Long> inBatch = new HashSet<>(java.util.Arrays.asList(batchIds));
            Set<Long> parents = existing(
                    c,
                    "activity",
                    checked.stream()
                            .filter(a -> a.parentId().isPresent()
                                    && !inBatch.contains(a.parentId().getAsLong()))
                            .map(a -> a.parentId().getAsLong())
                            .distinct()
                            .toArray(Long[]::new),
                    "");
            List<Activity> stored = new ArrayList<>(checked.size());
            for (Long id : taken) {
                refused.putIfAbsent(id, "the id is stored already");
            }
            for (Activity a : checked) {
                Person creator = people.get(a.creator().id());
                if (creator == null) {
                    refused.putIfAbsent(
                            a.id(),
                            Lifecycle.unknownReason("person", a.creator().id(), account));
                } else {
                    stored.add(Activities.withCreator(a, creator));
                }
                if (a.computerId().isPresent()
                        && !computers.contains(a.computerId().getAsLong())) {
                    refused.putIfAbsent(
                            a.id(),
                            Lifecycle.unknownReason("computer", a.computerId().getAsLong(), account));
                }
                if (a.parentId().isPresent()
                        && !inBatch.contains(a.parentId().getAsLong())
                        && !parents.contains(a.parentId().getAsLong())) {
                    refused.putIfAbsent(
                            a.id(),
                            Lifecycle.unknownReason("activity", a.parentId().getAsLong(), account));
                }
            }
            if (!refused.isEmpty()) {
                throw new ActivityImportException(refused);
            }
            insert(c, stored);
            long highest = java.util.Collections.max(inBatch); // not empty: nothing refused
            try (PreparedStatement p = c.prepareStatement("SELECT setval(?::regclass, greatest(?,"
                    + " last_value - CASE WHEN is_called THEN 0 ELSE 1 END)) FROM " + schema + ".activity_id")) {
                p.setString(1, schema + ".activity_id");
                p.setLong(2, highest);
                p.executeQuery().close();
            }
            return stored;
        });
    }

    /**
     * The advisory lock that makes an import and the id sequence agree: creating transactions hold it shared
     * from the moment they take ids until they end, an import holds it alone.
     */
    private String idLockKey() {
        return "activity4j ids " + schemaName;
    }

    /**
     * Writes the activities, as they are, with set-based statements: one per table, each taking the
     * activities' columns as arrays ({@code unnest}); the word and tag index rows are derived in the same
     * statements (summary_words, the computers' tags).
     */
    private void insert(Connection c, List<Activity> activities) throws SQLException {
        int n = activities.size();
        Long[] id = new Long[n];
        @Nullable Long[] parent = new @Nullable Long[n];
        @Nullable Long[] computer = new @Nullable Long[n];
        Long[] creator = new Long[n];
        String[] type = new String[n];
        String[] summary = new String[n];
        Long[] created = new Long[n];
        @Nullable Long[] deliverAfter = new @Nullable Long[n];
        String[] details = new String[n];
        String[] status = new String[n];
        @Nullable String[] resultText = new @Nullable String[n];
        @Nullable Integer[] resultCode = new @Nullable Integer[n];
        @Nullable Integer[] progress = new @Nullable Integer[n];
        @Nullable Long[] delivered = new @Nullable Long[n];
        @Nullable Long[] completed = new @Nullable Long[n];
        Long[] modified = new Long[n];
        @Nullable Long[] approved = new @Nullable Long[n];
        for (int i = 0; i < n; i++) {
            Activity a = activities.get(i);
            id[i] = a.id();
            parent[i] = a.parentId().isPresent() ? a.parentId().getAsLong() : null;
            computer[i] = a.computerId().isPresent() ? a.computerId().getAsLong() : null;
            creator[i] = a.creator().id();
            type[i] = a.type();
            summary[i] = a.summary();
            created[i] = Lifecycle.epochMicros(a.creationTime());
            deliverAfter[i] = micros(a.deliverAfterTime());
            details[i] = JsonValue.object(a.details()).toJson();
            status[i] = a.status().wireName();
            resultText[i] = a.resultText().orElse(null);
            resultCode[i] = a.resultCode().isPresent() ? a.resultCode().getAsInt() : null;
            progress[i] = a.progress().isPresent() ? a.progress().getAsInt() : null;
            delivered[i] = micros(a.deliveryTime());
            completed[i] = micros(a.completionTime());
            modified[i] = Lifecycle.epochMicros(a.modificationTime());
            approved[i] = micros(a.approvalTime());
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema + ".activity (id, account,"
                + " parent_id, computer_id, creator_id, type, summary, creation_time, deliver_after_time, details)"
                + " SELECT u.id, ?, u.parent_id, u.computer_id, u.creator_id, u.type, u.summary, " + time("u.created")
                + ", " + time("u.after") + ", u.details"
                + " FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[],"
                + " ?::bigint[], ?::bigint[], ?::text[])"
                + " AS u(id, parent_id, computer_id, creator_id, type, summary, created, after, details)")) {
            p.setString(1, account);
            Object[] arrays = {id, parent, computer, creator, type, summary, created, deliverAfter, details};
            for (int i = 0; i < arrays.length; i++) {
                Jdbc.bind(p, 2 + i, arrays[i]);
            }
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("WITH w AS (SELECT u.id, u.created, x.word"
                + " FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS u(id, summary, created)"
                + " CROSS JOIN LATERAL " + schema + ".summary_words(u.summary) AS x(word)),"
                // In word order, so that stores adding the same new words at once cannot deadlock.
                + " d AS (INSERT INTO " + schema + ".summary_word (account, word)"
                + " SELECT DISTINCT ?::text, w.word FROM w ORDER BY 2 ON CONFLICT DO NOTHING)"
                + " INSERT INTO " + schema + ".activity_word (account, word, creation_time, id)"
                + " SELECT ?, w.word, " + time("w.created") + ", w.id FROM w")) {
            Jdbc.bind(p, 1, id);
            Jdbc.bind(p, 2, summary);
            Jdbc.bind(p, 3, created);
            p.setString(4, account);
            p.setString(5, account);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema
                + ".activity_tag (account, tag, creation_time, id, computer_id)"
                + " SELECT t.account, t.tag, " + time("u.created") + ", u.id, u.computer_id"
                + " FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS u(id, computer_id, created)"
                + " JOIN " + schema + ".computer_tag t ON t.account = ? AND t.computer_id = u.computer_id")) {
            Jdbc.bind(p, 1, id);
            Jdbc.bind(p, 2, computer);
            Jdbc.bind(p, 3, created);
            p.setString(4, account);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + schema + ".activity_state (id, account,"
                + " creation_time, status, result_text, result_code, progress, delivery_time, completion_time,"
                + " modification_time, approval_time)"
                + " SELECT u.id, ?, " + time("u.created") + ", u.status, u.result_text, u.result_code, u.progress, "
                + time("u.delivered") + ", " + time("u.completed") + ", " + time("u.modified") + ", "
                + time("u.approved")
                + " FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::integer[], ?::integer[],"
                + " ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])"
                + " AS u(id, created, status, result_text, result_code, progress, delivered, completed, modified,"
                + " approved)")) {
            p.setString(1, account);
            Object[] arrays = {
                id, created, status, resultText, resultCode, progress, delivered, completed, modified, approved
            };
            for (int i = 0; i < arrays.length; i++) {
                Jdbc.bind(p, 2 + i, arrays[i]);
            }
            p.executeUpdate();
        }
    }

    /**
     * SQL for the timestamptz of a column of microseconds since the epoch. bigint * interval multiplies in
     * double precision, exact to 2^53 (285 years of microseconds): whole seconds and the microseconds left
     * over are each exact.
     */
    private static String time(String micros) {
        return "(timestamptz 'epoch' + (" + micros + " / 1000000) * interval '1 second' + (" + micros
                + " % 1000000) * interval '1 microsecond')";
    }

    private static @Nullable Long micros(Optional<Instant> time) {
        return time.isPresent() ? Lifecycle.epochMicros(time.get()) : null;
    }

    private Map<Long, Person> people(Connection c, Long[] ids) throws SQLException {
        Map<Long, Person> people = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, name, email FROM " + schema + ".person WHERE account = ? AND id = ANY(?)")) {
            p.setString(1, account);
            Jdbc.bind(p, 2, ids);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    people.put(rs.getLong(1), new Person(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return people;
    }

    /** Which of the ids the table holds; {@code then} (SQL) ends the select: an order, a lock. */
    private Set<Long> existing(Connection c, String table, Long[] ids, String then) throws SQLException {
        Set<Long> found = new HashSet<>();
        if (ids.length == 0) {
            return found;
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id FROM " + schema + "." + table + " WHERE account = ? AND id = ANY(?)" + then)) {
            p.setString(1, account);
            Jdbc.bind(p, 2, ids);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    private List<Long> nextIds(Connection c, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (PreparedStatement p =
                // The id lock, shared until the transaction ends (see idLockKey), is taken before the ids.
                c.prepareStatement("WITH l AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(hashtext(?)))"
                        + " SELECT nextval(?::regclass) FROM l, generate_series(1, ?) ORDER BY 1")) {
            p.setString(1, idLockKey());
            p.setString(2, schema + ".activity_id");
            p.setInt(3, count);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    @Override
    public Activity markDelivered(long id) {
        return changeOne(
                id,
                "delivering activity " + id,
                (a, now) -> Lifecycle.deliveryRefusal(a.status(), a.deliverAfterTime(), now),
                "status = 'delivered', delivery_time = ?1, modification_time = ?1",
                List.of());
    }

    @Override
    public Activity reportProgress(long id, int progress) {
        Lifecycle.checkProgress(progress);
        return changeOne(
                id,
                "reporting progress of activity " + id,
                (a, now) -> Lifecycle.reportRefusal(a.status()),
                "progress = ?2, modification_time = ?1",
                List.of(progress));
    }

    @Override
    public Activity complete(long id, boolean succeeded, String resultText, int resultCode) {
        TextRules.check("result text", resultText);
        return changeOne(
                id,
                "completing activity " + id,
                (a, now) -> Lifecycle.reportRefusal(a.status()),
                "status = ?2, result_text = ?3, result_code = ?4, completion_time = ?1, modification_time = ?1",
                List.of(
                        (succeeded ? ActivityStatus.SUCCEEDED : ActivityStatus.FAILED).wireName(),
                        resultText,
                        resultCode));
    }

    /**
     * Locks one activity, checks the change, applies it. In {@code set}, {@code ?1} is now and {@code ?2}...
     * are {@code values}.
     */
    private Activity changeOne(
            long id,
            String what,
            java.util.function.BiFunction<Activity, Instant, Optional<String>> refusal,
            String set,
            List<Object> values) {
        return Jdbc.transaction(dataSource, what, writes, c -> {
            Activity current = read(c, id, true).orElseThrow(() -> new ActivityNotFoundException(id, account));
            Instant now = Lifecycle.now(clock);
            Optional<String> refused = refusal.apply(current, now);
            if (refused.isPresent()) {
                throw new ActivityStatusChangeException(Map.of(id, refused.get()));
            }
            List<Object> parameters = new ArrayList<>();
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < set.length(); i++) {
                char ch = set.charAt(i);
                if (ch == '?' && i + 1 < set.length() && Character.isDigit(set.charAt(i + 1))) {
                    int n = set.charAt(++i) - '0';
                    parameters.add(n == 1 ? Jdbc.timestamp(now) : values.get(n - 2));
                    sql.append('?');
                } else {
                    sql.append(ch);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE " + schema + ".activity_state SET " + sql + " WHERE account = ? AND id = ?")) {
                Jdbc.bind(p, parameters);
                p.setString(parameters.size() + 1, account);
                p.setLong(parameters.size() + 2, id);
                p.executeUpdate();
            }
            return read(c, id, false).orElseThrow(() -> new ActivityNotFoundException(id, account));
        });
    }

    /**
     * A page of the query: the ids of the page first, from only the tables the condition reads and in the
     * order of their index (skipping the offset reads no more than that), then the page's rows, read by the
     * schema's {@code activity_rows} function, whose join is planned once per session instead
     * of for every page. Bind with {@link #bindPage}.
     *
     * <p>A query that is one {@code computer:tag:T} takes its ids from the tag index, in order.
     * A query that is one bare word or an {@code OR} of bare words the word index answers takes its ids from
     * the index entries of the dictionary words that contain one of them ({@link ActivitySql.Condition#wordCandidates}), when they are at most {@link #WORD_CANDIDATES}: then
     * those are all its activities, and they come sorted from the index alone. More mean a common word, for
     * which reading the newest activities and testing their summaries is the cheaper way; the statement holds
     * both and runs one.
     */
    private String page(ActivitySql.Condition where) {
        String ids;
        if (where.indexedTag().isPresent()) {
            ids = "SELECT t.id FROM " + schema + ".activity_tag t WHERE t.account = ? AND t.tag = ?"
                    + " ORDER BY t.creation_time DESC, t.id DESC LIMIT ? OFFSET ?";
        } else if (where.indexedWords().isPresent()) {
            ids = "WITH m AS MATERIALIZED (" + where.wordCandidates(schema, "") + " LIMIT " + (WORD_CANDIDATES + 1)
                    + ")"
                    + " (SELECT m.id FROM m WHERE (SELECT count(*) FROM m) <= " + WORD_CANDIDATES
                    + " GROUP BY m.creation_time, m.id ORDER BY m.creation_time DESC, m.id DESC LIMIT ? OFFSET ?)"
                    + " UNION ALL (" + pageIds(where, " AND (SELECT count(*) FROM m) > " + WORD_CANDIDATES) + ")";
        } else {
            ids = pageIds(where, "");
        }
        return "SELECT * FROM " + schema + ".activity_rows(?, ARRAY(" + ids + "))"
                + " ORDER BY creation_time DESC, id DESC";
    }

    /** The ids of a page, selected by the condition and {@code and} (SQL, empty or starting with AND). */
    private String pageIds(ActivitySql.Condition where, String and) {
        ActivitySql.Source source = where.source();
        String o = source.order();
        return "SELECT " + o + ".id FROM " + source.from(schema) + " AND (" + where.sql() + ")" + and + " ORDER BY " + o
                + ".creation_time DESC, " + o + ".id DESC LIMIT ? OFFSET ?";
    }

    private void bindPage(PreparedStatement p, ActivitySql.Condition where, int limit, int offset) throws SQLException {
        p.setString(1, account);
        int i = 2;
        Optional<String> tag = where.indexedTag();
        if (tag.isPresent()) {
            p.setString(i++, account);
            p.setString(i++, tag.get());
            p.setInt(i++, limit);
            p.setInt(i, offset);
            return;
        }
        if (where.indexedWords().isPresent()) {
            i = where.bindWordCandidates(p, i, account, (q, next) -> next);
            p.setInt(i++, limit);
            p.setInt(i++, offset);
        }
        i = bindAccountsAnd(p, i, where.source(), where);
        p.setInt(i++, limit);
        p.setInt(i, offset);
    }

    /** Locks the state rows the condition selects, in id order. Bind with {@link #bindAccountsAnd}. */
    private String lockAll(ActivitySql.Condition where) {
        return "SELECT s.id, s.status FROM " + where.source().withState().from(schema) + " AND (" + where.sql()
                + ") ORDER BY s.id FOR UPDATE OF s";
    }

    /**
     * Binds the source's account parameters, then the condition's, from parameter {@code first}; returns the
     * next parameter index.
     */
    private int bindAccountsAnd(PreparedStatement p, int first, ActivitySql.Source source, ActivitySql.Condition where)
            throws SQLException {
        int i = first;
        for (int n = 0; n < source.accounts(); n++) {
            p.setString(i++, account);
        }
        for (Object v : where.parameters()) {
            Jdbc.bind(p, i++, v);
        }
        return i;
    }

    private String select() {
        return "SELECT " + COLUMNS + " FROM " + schema + ".activity a" + joinStateAndPerson();
    }

    private String joinStateAndPerson() {
        return " JOIN " + schema + ".activity_state s ON s.id = a.id JOIN " + schema
                + ".person p ON p.account = a.account AND p.id = a.creator_id";
    }

    private static List<Activity> activities(PreparedStatement p) throws SQLException {
        List<Activity> result = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                result.add(activity(rs));
            }
        }
        return result;
    }

    /**
     * The activity of the current row of {@link #COLUMNS} (or {@code activity_rows}, the same columns in the
     * same order), read by column index: pgjdbc finds a column by name through a map per row read.
     */
    private static Activity activity(ResultSet rs) throws SQLException {
        return activityBuilder(rs, new Person(rs.getLong(4), rs.getString(5), rs.getString(6)))
                .build();
    }

    /** The builder of the activity of the current row, as {@link #activity(ResultSet)}, created by {@code creator}. */
    private static Activity.Builder activityBuilder(ResultSet rs, Person creator) throws SQLException {
        String detailsText = rs.getString(19);
        // Most activities have no details: their text is the "{}" written by insert, not worth a parser.
        Map<String, JsonValue> details =
                detailsText.equals("{}") ? Map.of() : ((JsonValue.JsonObject) JsonValue.parse(detailsText)).members();
        return Activity.builder(rs.getLong(1), rs.getString(7), status(rs.getString(8)), creator, Jdbc.instant(rs, 13))
                .parentId(Jdbc.optionalLong(rs, 2))
                .computerId(Jdbc.optionalLong(rs, 3))
                .summary(rs.getString(9))
                .resultText(Jdbc.optionalString(rs, 10))
                .resultCode(Jdbc.optionalInt(rs, 11))
                .progress(Jdbc.optionalInt(rs, 12))
                .deliveryTime(Jdbc.optionalInstant(rs, 14))
                .completionTime(Jdbc.optionalInstant(rs, 15))
                .modificationTime(Jdbc.instant(rs, 16))
                .approvalTime(Jdbc.optionalInstant(rs, 17))
                .deliverAfterTime(Jdbc.optionalInstant(rs, 18))
                .details(details);
    }

    private static ActivityStatus status(String name) {
        return ActivityStatus.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown status in the store: " + name));
    }

    /**
     * The plans, with timings, of the statements {@code getActivities} and {@code cancelActivities} run for
     * the query ({@code EXPLAIN (ANALYZE, BUFFERS)}); the cancel is rolled back. For tuning, not for
     * applications.
     */
    public String explain(QueryCriteria query, int limit, int offset) {
        ActivitySql.Condition where = ActivitySql.compile(query, schema, account);
        return Jdbc.transaction(
                dataSource,
                "explaining " + query.toQueryString(),
                Jdbc.settings(reads, writes, Jdbc.CUSTOM_PLANS),
                c -> {
                    StringBuilder plans = new StringBuilder();
                    ActivitySql.Source locked = where.source().withState();
                    plans.append(explain(c, page(where), p -> bindPage(p, where, limit, offset)));
                    plans.append(explain(c, lockAll(where), p -> bindAccountsAnd(p, 1, locked, where)));
                    plans.append(explain(
                            c,
                            "UPDATE " + schema
                                    + ".activity_state u SET status = 'canceled' WHERE u.id IN (SELECT s.id FROM "
                                    + locked.from(schema) + " AND (" + where.sql() + "))",
                            p -> bindAccountsAnd(p, 1, locked, where)));
                    c.rollback();
                    return plans.toString();
                });
    }

    /**
     * The plan, with timings, of the statement {@code getActivities} runs for the query ({@code EXPLAIN
     * (ANALYZE, BUFFERS)}), planned as {@code getActivities} plans it. For tuning, not for applications.
     */
    public String explainPage(QueryCriteria query, int limit, int offset) {
        return explainPage(query, limit, offset, false);
    }

    /**
     * {@link #explainPage(QueryCriteria, int, int)}, or with {@code asWritten} the plan of the SQL compiled as
     * before issue 17 (one condition per term, the query not normalised), to compare the two.
     */
    public String explainPage(QueryCriteria query, int limit, int offset, boolean asWritten) {
        ActivitySql.Condition where = ActivitySql.compile(
                query, schema, account, asWritten ? ActivitySql.Form.AS_WRITTEN : ActivitySql.Form.COMPACT);
        return Jdbc.transaction(
                dataSource,
                "explaining " + query.toQueryString(),
                Jdbc.settings(reads, writes, Jdbc.CUSTOM_PLANS),
                c -> {
                    return explain(c, page(where), p -> bindPage(p, where, limit, offset));
                });
    }

    /** The SQL text of the page statement {@link #explainPage(QueryCriteria, int, int, boolean)} explains. */
    public String pageSql(QueryCriteria query, boolean asWritten) {
        return page(ActivitySql.compile(
                query, schema, account, asWritten ? ActivitySql.Form.AS_WRITTEN : ActivitySql.Form.COMPACT));
    }

    /** Binds a statement's parameters. */
    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private static String explain(Connection c, String sql, Binder binder) throws SQLException {
        StringBuilder plan = new StringBuilder(sql).append('\n');
        try (PreparedStatement p = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            binder.bind(p);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    plan.append("  ").append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    @Override
    public String toString() {
        return "PostgresActivityStore[schema=" + schemaName + ", account=" + account + "]";
    }
}
