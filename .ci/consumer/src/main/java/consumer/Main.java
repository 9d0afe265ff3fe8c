package consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activity4j.agent.ReferenceAgent;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.core.ProcessStats;
import org.activity4j.micrometer.BackendInspectorMetrics;
import org.activity4j.micrometer.MeteredActivityStore;
import org.activity4j.micrometer.MeteredBackendInspector;
import org.activity4j.procstats.OshiProcessStats;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QuerySyntaxException;

/** Uses each of the five API modules once; prints one line per check and exits 1 on the first that fails. */
public final class Main {
    public static void main(String[] args) throws Exception {
        Module module = Main.class.getModule();
        System.out.println("consumer: " + (module.isNamed() ? "module path (" + module.getName() + ")" : "class path"));

        QueryCriteria query = QueryCriteria.parse("status:unapproved computer:tag:server");
        check(query.toQueryString().equals("status:unapproved computer:tag:server"), "query parsed and printed");
        try {
            QueryCriteria.parse("status:done");
            check(false, "a bad query is refused");
        } catch (QuerySyntaxException e) {
            check(e.position() == 7, "a bad query is refused at its position: " + e.getMessage().lines().findFirst().orElse(""));
        }

        ActivityStore store = ActivityStores.inMemory();
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.registerComputer(Computer.builder(3, "web1").tags(Set.of("server")).build());
        store.createActivity(NewActivity.builder("RestartRequest", 5)
                .computerId(3)
                .summary("Restart web1")
                .requiresApproval(true)
                .build());
        List<Activity> page = store.getActivities(query, 20, 0);
        check(page.size() == 1, "the in-memory store answers the query");
        check(LandscapeCodec.encodeActivities(page).contains("Restart web1"), "the Landscape codec encodes it");

        try (TemboardAgentClient temboard = TemboardAgentClient.builder(URI.create("https://127.0.0.1:2345/"))
                        .credentials("alice", "s3cret-pass")
                        .build();
                LandscapeClient landscape = LandscapeClient.builder(URI.create("https://127.0.0.1:8443/api/"))
                        .accessKey("KEY", "secret")
                        .build()) {
            System.out.println("  ok    both clients build (no call is made)");
        }
        System.out.println("  ok    both clients close");

        // The agent's Jetty server on the module path, answering a real call of the Landscape client.
        try (ReferenceAgent agent = ReferenceAgent.builder()
                        .port(0)
                        .activityStore(store)
                        .accessKey("KEY", "secret", ActivityStores.DEFAULT_ACCOUNT)
                        .start();
                LandscapeClient landscape = LandscapeClient.builder(agent.landscapeUri())
                        .accessKey("KEY", "secret")
                        .build()) {
            List<Activity> remote = landscape.getActivities(query, 20, 0);
            check(remote.size() == 1 && remote.get(0).summary().equals("Restart web1"),
                    "the reference agent serves the store to the Landscape client over HTTP");
        }

        long pid = ProcessHandle.current().pid();
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        Map<Integer, ProcessStats> stats =
                OshiProcessStats.create().sample(List.of(new BackendProcess((int) pid, started)));
        // This JVM is not a PostgreSQL backend: procstats reads its /proc entry and reports no figures for it.
        check(stats.getOrDefault((int) pid, ProcessStats.unknown()).equals(ProcessStats.unknown()),
                "procstats runs and reports no figures for a process that is not a PostgreSQL backend");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActivityStore metered = MeteredActivityStore.of(ActivityStores.inMemory(), registry);
        metered.getActivityTypes();
        check(registry.get("activity4j.activities.calls").tag("method", "getActivityTypes").timer().count() == 1,
                "micrometer times a store call");
        try (TemboardAgentClient unreachable = TemboardAgentClient.builder(URI.create("https://127.0.0.1:9/"))
                        .credentials("alice", "s3cret-pass")
                        .build();
                BackendInspectorMetrics metrics = BackendInspectorMetrics.of(
                        MeteredBackendInspector.of(unreachable, registry))) {
            metrics.bindTo(registry);
            // Nothing listens on port 9: the sample fails, is counted, and the gauge reads NaN.
            check(Double.isNaN(registry.get("activity4j.backends.waiting").gauge().value()),
                    "micrometer's gauge of an unreachable inspector reads NaN");
            check(registry.get("activity4j.backends.sample.errors").counter().count() == 1,
                    "micrometer counts the failed sample");
        }
        System.out.println("consumer: all checks passed");
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "  ok    " : "  FAIL  ") + what);
        if (!ok) {
            System.exit(1);
        }
    }
}
