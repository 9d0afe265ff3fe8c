package org.activity4j.examples;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.micrometer.BackendInspectorMetrics;
import org.activity4j.micrometer.MeteredActivityStore;
import org.activity4j.micrometer.MeteredBackendInspector;
import org.activity4j.query.QueryCriteria;

/**
 * The README's quick start of the metrics (activity4j-micrometer), as a program:
 * {@code MetricsQuickStart <temboard-agent-uri> <user> <password>}; prints the meters.
 */
public final class MetricsQuickStart {
    private MetricsQuickStart() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: MetricsQuickStart AGENT_URI USER PASSWORD");
            System.exit(2);
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry(); // or the service's Prometheus/OTLP registry

        // Timers, sizes and errors of a store (or of a LandscapeClient: any ActivityService).
        ActivityStore store = MeteredActivityStore.of(ActivityStores.inMemory(), registry);
        store.getActivities(QueryCriteria.parse("status:failed"), 20, 0);

        // Gauges of any BackendInspector (here a remote agent; BackendInspector.postgres(dataSource) alike).
        try (TemboardAgentClient agent = TemboardAgentClient.builder(URI.create(args[0]))
                        .credentials(args[1], args[2])
                        .build();
                BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(
                                MeteredBackendInspector.of(agent, registry))
                        .minInterval(Duration.ofSeconds(10)) // one agent call per 10 s, however often scraped
                        .tags(Tags.of("server", "db1"))
                        .build()) {
            metrics.bindTo(registry);
            System.out.println(registry.getMetersAsString()); // a scrape: one agent call serves every gauge
        }
    }
}
