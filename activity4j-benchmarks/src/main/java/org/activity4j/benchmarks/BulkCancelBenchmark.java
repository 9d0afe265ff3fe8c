package org.activity4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * CancelActivities of about 100,000 matching activities in one call (one transaction in PostgreSQL), on
 * the data of {@link ActivityData}. Each run cancels the activities of five types never canceled before
 * (types 40-44, then 45-49), so it can run twice per store: one warm-up, one measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 1, batchSize = 1)
public class BulkCancelBenchmark {
    @Param({"postgres", "memory"})
    public String store = "";

    private ActivityStore target = ActivityData.get().postgres;
    private int nextType = 40;

    @Setup
    public void setUp() {
        ActivityData data = ActivityData.get();
        target = store.equals("postgres") ? data.postgres : data.memory;
    }

    @Benchmark
    public int cancel100k() {
        List<QueryCriteria> types = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            types.add(QueryCriteria.type(ActivityData.type(nextType++)));
        }
        int canceled = target.cancelActivities(QueryCriteria.anyOf(types)).size();
        System.out.printf("# %s canceled %,d activities%n", store, canceled);
        return canceled;
    }
}
