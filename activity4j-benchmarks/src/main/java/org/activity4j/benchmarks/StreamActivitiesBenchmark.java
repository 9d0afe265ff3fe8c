package org.activity4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every activity a query selects, read from a store ({@link ActivityData}; its size is {@code
 * -Dactivity4j.bench.activities}): {@code stream}, {@code streamActivities} paging by keyset, against {@code
 * offsets}, {@code getActivities} called with offsets 0, pageSize, 2 * pageSize, ... until a page is short,
 * on the same data in the same run. One operation reads every match; activities/s is the matches divided by
 * the time per operation (the count is printed at setup). The data loads once per JVM, so run it without
 * forking: {@code java -Dactivity4j.bench.activities=200000 -jar benchmarks.jar StreamActivitiesBenchmark -f
 * 0}; see PERFORMANCE.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class StreamActivitiesBenchmark {

    @Param({"", "status:undelivered"})
    public String query = "";

    @Param({"1000", "5000"})
    public int pageSize;

    @Param({"postgres", "memory"})
    public String store = "";

    private ActivityStore target = ActivityData.get().postgres;
    private QueryCriteria criteria = QueryCriteria.all();

    @Setup
    public void setUp() {
        ActivityData data = ActivityData.get();
        target = store.equals("postgres") ? data.postgres : data.memory;
        criteria = QueryCriteria.parse(query);
        try (Stream<Activity> all = target.streamActivities(criteria, pageSize)) {
            System.out.printf("# %s '%s': %,d matches%n", store, query, all.count());
        }
    }

    @Benchmark
    public long stream(Blackhole sink) {
        long n = 0;
        try (Stream<Activity> all = target.streamActivities(criteria, pageSize)) {
            for (Activity a : (Iterable<Activity>) all::iterator) {
                sink.consume(a);
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public long offsets(Blackhole sink) {
        long n = 0;
        for (int offset = 0; ; offset += pageSize) {
            List<Activity> page = target.getActivities(criteria, pageSize, offset);
            for (Activity a : page) {
                sink.consume(a);
            }
            n += page.size();
            if (page.size() < pageSize) {
                return n;
            }
        }
    }
}
