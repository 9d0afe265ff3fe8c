package org.activity4j.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.activity4j.benchmarks.baseline.StraightforwardQueryParser;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses per second of five representative 40-80 character queries, with activity4j's parser and with a
 * straightforward parboiled grammar (the baseline), and the time to parse a 500-term OR query (the bulk
 * action query of real UIs). Run with {@code -t 1} and {@code -t 2}; see PERFORMANCE.md.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QueryParseBenchmark {

    /** The five representative queries, 40 to 80 characters each. */
    @State(Scope.Benchmark)
    public static class Queries {
        @Param({
            "status:succeeded computer:tag:laptop created-after:2011-01",
            "status:undelivered computer:tag:server OR computer:tag:desktop",
            "NOT status:failed type:ChangePackagesRequest creator:jane@example.com",
            "computer:title:\"Café box\" created-before:2011-01-01T10:30 parent-id:85",
            "upgrade NOT computer:needs:reboot OR computer:annotation:env:prod id:86"
        })
        public String query = "";
    }

    /** The baseline parser is not thread-safe: one per benchmark thread. */
    @State(Scope.Thread)
    public static class Baseline {
        final StraightforwardQueryParser parser = new StraightforwardQueryParser();
    }

    /** A 500-term query: {@code id:1 OR id:2 OR ... OR id:500}. */
    @State(Scope.Benchmark)
    public static class BulkQuery {
        String text = "";

        @Setup
        public void setUp() {
            text = IntStream.rangeClosed(1, 500)
                    .mapToObj(i -> "id:" + (1_000_000 + i))
                    .collect(Collectors.joining(" OR "));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public QueryCriteria activity4j(Queries queries) {
        return QueryParser.defaults().parse(queries.query);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public QueryCriteria straightforwardParboiled(Queries queries, Baseline baseline) {
        return baseline.parser.parse(queries.query);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public QueryCriteria activity4jBulkOr500(BulkQuery bulk) {
        return QueryParser.defaults().parse(bulk.text);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public QueryCriteria straightforwardParboiledBulkOr500(BulkQuery bulk, Baseline baseline) {
        return baseline.parser.parse(bulk.text);
    }
}
