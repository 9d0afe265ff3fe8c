package org.activity4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.StoreFeature;
import org.activity4j.query.QueryCriteria;
import org.activity4j.testkit.TestClock;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The data set of the activity store benchmarks, loaded once per JVM into both stores: 1,000,000 activities
 * over 10,000 computers (100 tags, 1 to 3 each), 50 types, 200 creators ({@code -Dactivity4j.bench.activities} and
 * {@code -Dactivity4j.bench.people} change those two), created over 1,000 minutes; 2% are
 * scheduled, 20% unapproved, the rest undelivered, and the activities of types 0 to 9 are canceled by
 * query. Types 40 to 49 are left for the bulk cancel runs (about 20,000 activities per type).
 */
final class ActivityData {
    static final int ACTIVITIES = Integer.getInteger("activity4j.bench.activities", 1_000_000);
    /**
     * {@code -Dactivity4j.bench.trigrams=true}: the PostgreSQL store runs {@code CREATE EXTENSION pg_trgm} and
     * adds its trigram indexes (the server needs the extension: the testkit's embedded binaries lack it, a
     * server with PostgreSQL's contrib named by {@code ACTIVITY4J_PG_URL} has it).
     */
    static final boolean TRIGRAMS = Boolean.getBoolean("activity4j.bench.trigrams");

    static final int COMPUTERS = 10_000;
    /** The creators, {@code -Dactivity4j.bench.people} (default 200); each activity's is drawn at random. */
    static final int PEOPLE = Integer.getInteger("activity4j.bench.people", 200);

    static final int TYPES = 50;
    static final int TAGS = 100;
    static final int BATCH = ACTIVITIES / 1_000;
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    final ActivityStore postgres;
    final ActivityStore memory;
    final TestDatabase database;

    private ActivityData() {
        database = TestPostgres.newest().createDatabase();
        TestClock pgClock = TestClock.at(START.toString());
        TestClock memoryClock = TestClock.at(START.toString());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(database.dataSource());
        pool.setMaximumPoolSize(4);
        postgres = ActivityStores.postgres(
                new HikariDataSource(pool),
                PostgresStoreOptions.builder()
                        .schema("bench")
                        .clock(pgClock)
                        .createTrigramExtension(TRIGRAMS)
                        .build());
        memory = ActivityStores.inMemory(memoryClock);
        long t0 = System.nanoTime();
        fill(postgres, pgClock);
        long t1 = System.nanoTime();
        fill(memory, memoryClock);
        long t2 = System.nanoTime();
        for (String table : new String[] {
            "activity",
            "activity_state",
            "activity_word",
            "summary_word",
            "activity_tag",
            "computer_tag",
            "person",
            "computer"
        }) {
            database.execute("VACUUM ANALYZE bench." + table);
        }
        System.out.printf(
                "# loaded %,d activities, %,d creators: PostgreSQL %d s (%s), in memory %d s%n",
                ACTIVITIES,
                PEOPLE,
                (t1 - t0) / 1_000_000_000,
                postgres.missingFeatures().contains(StoreFeature.TRIGRAM_INDEXES)
                        ? "no trigram index"
                        : "trigram indexes",
                (t2 - t1) / 1_000_000_000);
    }

    private @Nullable List<Activity> allNewestFirst;

    /** Every activity, newest first, read from the in-memory store on first use. */
    synchronized List<Activity> allNewestFirst() {
        List<Activity> all = allNewestFirst;
        if (all == null) {
            all = new ArrayList<>(ACTIVITIES);
            for (int offset = 0; ; offset += ActivityService.MAX_LIMIT) {
                List<Activity> page = memory.getActivities(QueryCriteria.all(), ActivityService.MAX_LIMIT, offset);
                all.addAll(page);
                if (page.size() < ActivityService.MAX_LIMIT) {
                    break;
                }
            }
            allNewestFirst = all = List.copyOf(all);
        }
        return all;
    }

    /** Loaded on first use, once per JVM. */
    private static final class Holder {
        static final ActivityData INSTANCE = new ActivityData();
    }

    static ActivityData get() {
        return Holder.INSTANCE;
    }

    static String type(int n) {
        return "Type" + n + "Request";
    }

    private static void fill(ActivityStore store, TestClock clock) {
        Random random = new Random(42);
        for (int p = 1; p <= PEOPLE; p++) {
            store.registerPerson(new Person(p, "Person " + p, "person" + p + "@example.com"));
        }
        for (int c = 1; c <= COMPUTERS; c++) {
            Set<String> tags = new HashSet<>();
            for (int t = random.nextInt(3); t >= 0; t--) {
                tags.add("tag" + random.nextInt(TAGS));
            }
            store.registerComputer(Computer.builder(c, "host" + c + ".example.com")
                    .tags(tags)
                    .distribution(c % 2 == 0 ? "jammy" : "noble")
                    .build());
        }
        for (int done = 0; done < ACTIVITIES; done += BATCH) {
            clock.advance(Duration.ofMinutes(1));
            List<NewActivity> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                int n = random.nextInt(100);
                NewActivity.Builder b = NewActivity.builder(type(random.nextInt(TYPES)), 1 + random.nextInt(PEOPLE))
                        .computerId(1 + random.nextInt(COMPUTERS))
                        .summary("Run job word" + random.nextInt(1_000) + " on the computer")
                        .requiresApproval(n < 20);
                if (n >= 98) {
                    b.deliverAfter(START.plus(Duration.ofDays(3650)));
                }
                batch.add(b.build());
            }
            store.createActivities(batch);
        }
        List<QueryCriteria> canceledTypes = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            canceledTypes.add(QueryCriteria.type(type(t)));
        }
        store.cancelActivities(QueryCriteria.anyOf(canceledTypes));
    }
}
