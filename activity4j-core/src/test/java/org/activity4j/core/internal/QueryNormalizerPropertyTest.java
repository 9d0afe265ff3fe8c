package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.activity4j.core.Activity;
import org.activity4j.core.Computer;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Term;
import org.activity4j.query.QueryDate;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The normal form of {@link QueryNormalizer} matches exactly what the query matches: random trees over a
 * few terms of every key (so that terms repeat, meet their negation and absorb clauses) against random
 * activities, with the in-memory matcher as the oracle. A failure prints the seed, {@code -DQT_SEED=<seed>}
 * replays it.
 */
class QueryNormalizerPropertyTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<Person> PEOPLE =
            List.of(new Person(1, "Ann", "ann@example.com"), new Person(2, "Bob", "bob@example.com"));
    private static final Map<Long, Computer> COMPUTERS = Map.of(
            1L, Computer.builder(1, "web1").tags(Set.of("a")).build(),
            2L, Computer.builder(2, "db1").tags(Set.of("a", "b")).build());
    private static final List<String> WORDS = List.of("up", "upgrade", "reboot", "b");

    /** One of 18 terms: ids, parents, statuses, dates, creators, types, computers and words. */
    private static Gen<Term> terms() {
        return integers().between(0, 17).map(i -> switch (i) {
            case 0 -> QueryCriteria.id(1);
            case 1 -> QueryCriteria.id(2);
            case 2 -> QueryCriteria.parentId(1);
            case 3 -> QueryCriteria.status(ActivityStatus.SUCCEEDED);
            case 4 -> QueryCriteria.status(ActivityStatus.FAILED);
            case 5 -> QueryCriteria.status(ActivityStatus.SCHEDULED);
            case 6 -> QueryCriteria.createdAfter(QueryDate.parse("2024-01-02"));
            case 7 -> QueryCriteria.createdBefore(QueryDate.parse("2024-01-03"));
            case 8 -> QueryCriteria.creator("ann@example.com");
            case 9 -> QueryCriteria.type("A");
            case 10 -> QueryCriteria.type("B");
            case 11 -> QueryCriteria.computer(ComputerCriterion.id(1));
            case 12 -> QueryCriteria.computer(ComputerCriterion.id(2));
            case 13 -> QueryCriteria.computer(ComputerCriterion.tag("a"));
            case 14 -> QueryCriteria.computer(ComputerCriterion.tag("b"));
            case 15 -> QueryCriteria.text("up");
            case 16 -> QueryCriteria.text("reboot");
            default -> QueryCriteria.text("b");
        });
    }

    private static Gen<Literal> literals() {
        return terms().zip(booleans().all(), (t, negated) -> negated ? (Literal) QueryCriteria.not(t) : t);
    }

    /** An AND of up to 6 clauses, each an OR of up to 5 literals. */
    private static Gen<QueryCriteria> queries() {
        return lists().of(lists().of(literals()).ofSizeBetween(1, 5))
                .ofSizeBetween(0, 6)
                .map(clauses -> {
                    List<QueryCriteria> and = new ArrayList<>();
                    for (List<Literal> or : clauses) {
                        and.add(QueryCriteria.anyOf(or));
                    }
                    return QueryCriteria.allOf(and);
                });
    }

    private static Gen<Activity> activities() {
        return integers()
                .between(1, 3)
                .zip(integers().between(0, 3), integers().between(0, 2), (id, status, computer) ->
                        new int[] {id, status, computer})
                .zip(integers().between(0, 4), integers().between(0, 5), (a, day, word) -> {
                    Activity.Builder b = Activity.builder(
                                    a[0],
                                    day % 2 == 0 ? "A" : "B",
                                    ActivityStatus.values()[a[1]],
                                    PEOPLE.get(day % 2),
                                    T0.plusSeconds(86_400L * day))
                            .summary(word < WORDS.size() ? WORDS.get(word) + " now" : "nothing");
                    if (a[2] > 0) {
                        b.computerId(a[2]);
                    }
                    if (day > 2) {
                        b.parentId(1);
                    }
                    return b.build();
                });
    }

    private static Predicate<Activity> matcher(QueryCriteria query) {
        return ActivityMatcher.compile(
                query,
                id -> Optional.ofNullable(COMPUTERS.get(id)),
                id -> PEOPLE.stream().filter(p -> p.id() == id).findFirst());
    }

    @Test
    void theNormalFormMatchesWhatTheQueryMatches() {
        qt().withExamples(5_000)
                .forAll(queries(), lists().of(activities()).ofSizeBetween(1, 12))
                .checkAssert((query, activities) -> {
                    QueryCriteria normal = QueryNormalizer.normalize(query);
                    Predicate<Activity> before = matcher(query);
                    Predicate<Activity> after = matcher(normal);
                    for (Activity a : activities) {
                        assertThat(after.test(a))
                                .as("%s -> %s on %s", query.toQueryString(), normal.toQueryString(), a)
                                .isEqualTo(before.test(a));
                    }
                    assertThat(QueryNormalizer.normalize(normal)).isEqualTo(normal);
                });
    }
}
