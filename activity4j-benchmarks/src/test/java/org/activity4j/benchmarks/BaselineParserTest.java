package org.activity4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.activity4j.benchmarks.baseline.StraightforwardQueryParser;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.Test;

/** The baseline measures the same work: it builds the same trees for the benchmark's queries. */
class BaselineParserTest {

    @Test
    void baselineBuildsTheSameTreesAsActivity4j() throws Exception {
        String[] queries = QueryParseBenchmark.Queries.class
                .getField("query")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class)
                .value();
        StraightforwardQueryParser baseline = new StraightforwardQueryParser();
        assertThat(queries).hasSize(5);
        for (String q : queries) {
            assertThat(q.length()).isBetween(40, 80);
            assertThat(baseline.parse(q)).isEqualTo(QueryCriteria.parse(q));
        }
    }

    @Test
    void baselineBuildsTheSameBulkOrTree() {
        String bulk = IntStream.rangeClosed(1, 500).mapToObj(i -> "id:" + i).collect(Collectors.joining(" OR "));
        assertThat(new StraightforwardQueryParser().parse(bulk)).isEqualTo(QueryCriteria.parse(bulk));
    }
}
