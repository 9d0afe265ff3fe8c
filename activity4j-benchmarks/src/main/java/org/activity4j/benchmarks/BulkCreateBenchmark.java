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
import java.util.concurrent.TimeUnit;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.activity4j.testkit.TestClock;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fleet-wide action: one activity for each of 10,000 computers (1 to 3 tags each, 200 people) in one
 * {@code createActivities} call, i.e. one transaction in PostgreSQL with every index, word and tag row; and
 * the same number of existing activities (every status, with results) in one {@code importActivities} call.
 * Each shot adds 10,000 activities to the same store (testkit's newest PostgreSQL, behind a HikariCP pool),
 * so the measured shots write into a store of 30,000 to 130,000 activities. Activities per second are
 * {@code batch / (ms per shot / 1000)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class BulkCreateBenchmark {
    static final int COMPUTERS = 10_000;
    static final int PEOPLE = 200;

    @Param({"postgres", "memory"})
    public String store = "";

    @Param({"10000"})
    public int batch;

    private @Nullable TestDatabase database;
    private @Nullable HikariDataSource pool;
    private final TestClock clock = TestClock.at("2024-01-01T00:00:00Z");
    private ActivityStore target = ActivityStores.inMemory();
    private List<NewActivity> fleet = List.of();
    private List<Activity> exported = List.of();
    private long nextImportId = 1_000_000_000L;
    private final Random random = new Random(42);

    @Setup(Level.Trial)
    public void setUp() {
        if (store.equals("postgres")) {
            database = TestPostgres.newest().createDatabase();
            HikariConfig config = new HikariConfig();
            config.setDataSource(database.dataSource());
            config.setMaximumPoolSize(2);
            pool = new HikariDataSource(config);
            target = ActivityStores.postgres(pool, "bulk", clock);
        } else {
            target = ActivityStores.inMemory(clock);
        }
        for (int p = 1; p <= PEOPLE; p++) {
            target.registerPerson(new Person(p, "Person " + p, "person" + p + "@example.com"));
        }
        for (int c = 1; c <= COMPUTERS; c++) {
            Set<String> tags = new HashSet<>();
            for (int t = random.nextInt(3); t >= 0; t--) {
                tags.add("tag" + random.nextInt(100));
            }
            target.registerComputer(
                    Computer.builder(c, "host" + c + ".example.com").tags(tags).build());
        }
        List<NewActivity> activities = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            int n = random.nextInt(100);
            NewActivity.Builder b = NewActivity.builder(
                            "Type" + random.nextInt(50) + "Request", 1 + random.nextInt(PEOPLE))
                    .computerId(1 + i % COMPUTERS)
                    .summary("Run job word" + random.nextInt(1_000) + " on the computer")
                    .requiresApproval(n < 20);
            if (n >= 98) {
                b.deliverAfter(Instant.parse("2034-01-01T00:00:00Z"));
            }
            activities.add(b.build());
        }
        fleet = List.copyOf(activities);
    }

    /** A new batch of existing activities (fresh ids) for the next import shot. */
    @Setup(Level.Invocation)
    public void nextExport() {
        List<Activity> activities = new ArrayList<>(batch);
        ActivityStatus[] statuses = ActivityStatus.values();
        Instant t = Instant.parse("2023-01-01T00:00:00.123456Z").plusSeconds(nextImportId - 1_000_000_000L);
        for (int i = 0; i < batch; i++) {
            ActivityStatus status = statuses[i % statuses.length];
            Person creator = new Person(1 + i % PEOPLE, "Person", "p@example.com");
            Activity.Builder b = Activity.builder(nextImportId++, "Type" + i % 50 + "Request", status, creator, t)
                    .computerId(1 + i % COMPUTERS)
                    .summary("Run job word" + i % 1_000 + " on the computer")
                    .modificationTime(t.plusSeconds(60));
            if (status == ActivityStatus.SUCCEEDED || status == ActivityStatus.FAILED) {
                b.deliveryTime(t.plusSeconds(30))
                        .completionTime(t.plusSeconds(60))
                        .resultText("exit " + i % 2)
                        .resultCode(i % 2);
            }
            activities.add(b.build());
        }
        exported = activities;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Benchmark
    public int createActivities() {
        clock.advance(Duration.ofMinutes(1));
        return target.createActivities(fleet).size();
    }

    @Benchmark
    public int importActivities() {
        return target.importActivities(exported).size();
    }
}
