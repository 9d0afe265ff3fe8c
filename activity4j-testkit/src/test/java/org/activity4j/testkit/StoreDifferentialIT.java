package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Term;
import org.activity4j.query.QueryDate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Differential test of the two stores: the same random data in memory and in PostgreSQL (the oldest and
 * the newest server of the matrix), then random queries from generated trees, with random pages. Both must
 * return exactly the same page, and cancel/approve must select the same activities. A failure prints the
 * QuickTheories seed; {@code -DQT_SEED=<seed>} replays it.
 */
class StoreDifferentialIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final List<String> TAGS = List.of("laptop", "server", "web", "Dev", "café");
    private static final List<String> TYPES = List.of("RestartRequest", "ChangePackagesRequest", "SyncPocketRequest");
    private static final List<String> WORDS = List.of("upgrade", "restart", "Web", "PACKAGES", "é", "%", "_", "'");
    private static final Instant START = Instant.parse("2011-01-30T22:00:00Z");

    @Test
    void bothStoresAnswerEveryQueryAlikeOnTheOldestServer() {
        check(PostgresVersions.matrix().get(0));
    }

    @Test
    void bothStoresAnswerEveryQueryAlikeOnTheNewestServer() {
        List<Integer> matrix = PostgresVersions.matrix();
        check(matrix.get(matrix.size() - 1));
    }

    private static void check(int major) {
        TestDatabase db = TestPostgres.of(major).createDatabase();
        try {
            for (long dataSeed = 1; dataSeed <= 2; dataSeed++) {
                TestClock memoryClock = TestClock.at(START.toString());
                TestClock pgClock = TestClock.at(START.toString());
                ActivityStore memory = ActivityStores.inMemory(memoryClock);
                ActivityStore pg =
                        ActivityStores.postgres(db.dataSource(), "differential_" + SCHEMAS.incrementAndGet(), pgClock);
                fill(memory, memoryClock, dataSeed);
                fill(pg, pgClock, dataSeed);
                assertThat(ids(pg.getActivities(QueryCriteria.all(), 1000, 0)))
                        .isEqualTo(ids(memory.getActivities(QueryCriteria.all(), 1000, 0)))
                        .hasSize(80);

                qt().withExamples(400)
                        .forAll(queries(), integers().between(0, 30), integers().between(0, 40))
                        .checkAssert((q, limit, offset) -> assertThat(ids(pg.getActivities(q, limit, offset)))
                                .as("%s limit %d offset %d", q.toQueryString(), limit, offset)
                                .isEqualTo(ids(memory.getActivities(q, limit, offset))));

                qt().withExamples(60).forAll(queries()).checkAssert(q -> {
                    assertThat(outcome(() -> pg.approveActivities(q)))
                            .as("approve %s", q.toQueryString())
                            .isEqualTo(outcome(() -> memory.approveActivities(q)));
                    assertThat(outcome(() -> pg.cancelActivities(q)))
                            .as("cancel %s", q.toQueryString())
                            .isEqualTo(outcome(() -> memory.cancelActivities(q)));
                });
                assertThat(pg.getActivities(QueryCriteria.all(), 1000, 0))
                        .isEqualTo(memory.getActivities(QueryCriteria.all(), 1000, 0));
            }
        } finally {
            db.close();
        }
    }

    /** The changed ids, or the refusals: what a cancel or approve did. */
    private static Object outcome(java.util.function.Supplier<List<Long>> change) {
        try {
            return change.get();
        } catch (ActivityStatusChangeException e) {
            return e.reasons();
        }
    }

    private static List<Long> ids(List<Activity> activities) {
        return activities.stream().map(Activity::id).toList();
    }

    /** 4 people, 8 computers, 80 activities over three days; the same for the same seed. */
    private static void fill(ActivityStore store, TestClock clock, long seed) {
        Random random = new Random(seed);
        for (int p = 1; p <= 4; p++) {
            store.registerPerson(
                    new Person(p, "Person " + p, "p" + p + (p % 2 == 0 ? "@Example.com" : "@example.org")));
        }
        for (int c = 1; c <= 8; c++) {
            Computer.Builder b = Computer.builder(c, (c % 2 == 0 ? "Web" : "desk") + c + ".example.com")
                    .title(c % 3 == 0 ? "Café " + c : "Box " + c)
                    .tags(new java.util.HashSet<>(
                            List.of(TAGS.get(c % TAGS.size()), TAGS.get((c * 3 + 1) % TAGS.size()))))
                    .accessGroup(c < 4 ? "global" : "servers")
                    .alerts(c % 4 == 0 ? Set.of("package-upgrades") : Set.of())
                    .needsReboot(c % 3 == 1);
            if (c % 4 != 1) {
                b.distribution(c % 2 == 0 ? "jammy" : "noble");
            }
            if (c % 2 == 1) {
                b.annotation("env", c < 5 ? "prod" : "dev");
            }
            store.registerComputer(b.build());
        }
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            clock.advance(Duration.ofMinutes(random.nextInt(3) * 30L)); // some share a creation time
            NewActivity.Builder n = NewActivity.builder(TYPES.get(random.nextInt(TYPES.size())), 1 + random.nextInt(4))
                    .summary(WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size())))
                    .requiresApproval(random.nextInt(3) == 0);
            if (random.nextInt(5) != 0) {
                n.computerId(1 + random.nextInt(8));
            }
            if (!created.isEmpty() && random.nextInt(4) == 0) {
                n.parentId(created.get(random.nextInt(created.size())));
            }
            if (random.nextInt(4) == 0) {
                n.deliverAfter(clock.instant().plus(Duration.ofHours(random.nextInt(48) - 24)));
            }
            long id = store.createActivity(n.build()).id();
            created.add(id);
            int fate = random.nextInt(6);
            try {
                if (fate >= 3) {
                    store.markDelivered(id);
                }
                if (fate >= 4) {
                    store.complete(id, fate == 4, "result", fate);
                }
            } catch (ActivityStatusChangeException e) {
                // unapproved or scheduled for later: it stays as it is, in both stores alike
            }
        }
    }

    private static Gen<Term> terms() {
        Gen<String> words =
                Generate.pick(WORDS).mix(Generate.pick(List.of("UPGRADE", "web pack", "Restart r", "x")), 30);
        Gen<QueryDate> dates = integers()
                .between(0, 72 * 4)
                .zip(
                        Generate.enumValues(QueryDate.Precision.class),
                        (quarterHours, precision) -> QueryDate.of(
                                LocalDateTime.ofInstant(
                                        START.plus(Duration.ofMinutes(15L * quarterHours)), ZoneOffset.UTC),
                                precision));
        Gen<ComputerCriterion> computers = Generate.oneOf(
                integers().between(1, 9).map(i -> ComputerCriterion.id(i)),
                Generate.pick(TAGS).map(t -> ComputerCriterion.tag(t)),
                Generate.pick(List.of("web2.example.com", "WEB2.EXAMPLE.COM", "desk1.example.com", "nope"))
                        .map(h -> ComputerCriterion.hostname(h)),
                Generate.pick(List.of("Café 3", "CAFé 6", "CAFÉ 6", "box 1", "Box 2"))
                        .map(t -> ComputerCriterion.title(t)),
                Generate.pick(List.of("jammy", "noble", "focal")).map(d -> ComputerCriterion.distribution(d)),
                Generate.pick(List.of("global", "servers")).map(g -> ComputerCriterion.accessGroup(g)),
                Generate.constant(ComputerCriterion.alert("package-upgrades")),
                Generate.constant(ComputerCriterion.needsReboot()),
                Generate.pick(List.of("env", "zone")).map(k -> ComputerCriterion.annotation(k)),
                Generate.pick(List.of("prod", "dev", "x")).map(v -> ComputerCriterion.annotation("env", v)),
                Generate.pick(List.of("web", "DESK", "café", "Box", "7.ex")).map(w -> ComputerCriterion.text(w)));
        return Generate.oneOf(
                integers().between(1, 90).map(i -> QueryCriteria.id(i)),
                integers().between(1, 90).map(i -> QueryCriteria.parentId(i)),
                Generate.enumValues(ActivityStatus.class).map(s -> QueryCriteria.status(s)),
                dates.map(d -> QueryCriteria.createdAfter(d)),
                dates.map(d -> QueryCriteria.createdBefore(d)),
                Generate.pick(List.of("p1@example.org", "P2@EXAMPLE.COM", "p3@Example.org", "p9@example.org"))
                        .map(e -> QueryCriteria.creator(e)),
                Generate.pick(TYPES).map(t -> QueryCriteria.type(t)),
                computers.map(c -> QueryCriteria.computer(c)),
                words.map(w -> QueryCriteria.text(w)));
    }

    private static Gen<QueryCriteria> queries() {
        Gen<Literal> literals = terms().zip(Generate.booleans(), (t, negated) -> negated ? QueryCriteria.not(t) : t);
        Gen<Clause> clauses = literals.<Clause>map(l -> l)
                .mix(lists().of(literals).ofSizeBetween(2, 4).map(l -> new QueryCriteria.Or(l)), 30);
        return lists().of(clauses)
                .ofSizeBetween(0, 3)
                .map(cs -> cs.size() == 1 ? cs.get(0) : new QueryCriteria.And(cs));
    }
}
