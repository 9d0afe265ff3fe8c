package org.activity4j.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.Person;
import org.activity4j.core.internal.ActivityMatcher;
import org.activity4j.query.QueryCriteria;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GetActivities on 1,000,000 activities ({@link ActivityData}), PostgreSQL against in memory: the query
 * set of issue 4, 20 per page at offset 0 and 10,000, latency percentiles. {@code scan} is the baseline
 * the issue names, the in-memory full scan: the query's predicate tested on every activity, newest first,
 * then the page cut from the matches. The data loads once per JVM, so
 * run it without forking: {@code java -Xmx8g -jar benchmarks.jar ActivityStoreBenchmark -f 0}; see
 * PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ActivityStoreBenchmark {

    /** The query set; {@code ids500} stands for 500 random ids OR'ed. */
    @Param({
        "status:scheduled",
        "status:scheduled created-after:2024-01-01T16:00",
        "computer:tag:tag7",
        "creator:person42@example.com type:Type13Request",
        "NOT status:canceled",
        "ids500",
        "word123"
    })
    public String query = "";

    @Param({"0", "10000"})
    public int offset;

    @Param({"postgres", "memory", "scan"})
    public String store = "";

    private ActivityStore target = ActivityData.get().postgres;
    private QueryCriteria criteria = QueryCriteria.all();
    private Predicate<Activity> predicate = a -> true;
    private List<Activity> newestFirst = List.of();

    @Setup
    public void setUp() {
        ActivityData data = ActivityData.get();
        target = store.equals("postgres") ? data.postgres : data.memory;
        criteria = criteria(query);
        if (store.equals("scan")) {
            newestFirst = data.allNewestFirst();
            Map<Long, Person> people = new HashMap<>();
            for (Activity a : newestFirst) {
                people.putIfAbsent(a.creator().id(), a.creator());
            }
            predicate =
                    ActivityMatcher.compile(criteria, data.memory::computer, id -> Optional.ofNullable(people.get(id)));
        }
    }

    /** The criteria of one {@link #query} value. */
    static QueryCriteria criteria(String query) {
        if (query.equals("ids500")) {
            Random random = new Random(7);
            return QueryCriteria.parse(random.ints(500, 1, ActivityData.ACTIVITIES + 1)
                    .mapToObj(i -> "id:" + i)
                    .collect(Collectors.joining(" OR ")));
        }
        return QueryCriteria.parse(query);
    }

    @Benchmark
    public List<Activity> page() {
        if (store.equals("scan")) {
            List<Activity> matches = new ArrayList<>();
            for (Activity a : newestFirst) {
                if (predicate.test(a)) {
                    matches.add(a);
                }
            }
            return matches.subList(Math.min(offset, matches.size()), Math.min(offset + 20, matches.size()));
        }
        return target.getActivities(criteria, 20, offset);
    }
}
