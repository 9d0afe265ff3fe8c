package org.activity4j.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.activity4j.agent.ReferenceAgent;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Backend;
import org.activity4j.core.Computer;
import org.activity4j.core.JsonValue;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wire formats (issue 5): decoding a 500-row temBoard {@code /activity} body and a 1,000-activity
 * GetActivities page, and polling 200 reference agents on 127.0.0.1 at once against polling one, through
 * both clients, with agents that answer after a simulated service time ({@code -p latencyMs=...}). The
 * setup prints the body sizes, from which PERFORMANCE.md derives MB/s.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WireBenchmark {

    /** A 500-row body shaped like the recorded real agent's rows. */
    @State(Scope.Benchmark)
    public static class TemboardBody {
        String json = "";

        @Setup
        public void setUp() {
            StringBuilder b = new StringBuilder("{\"rows\": [");
            for (int i = 0; i < 500; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(String.format(
                        Locale.ROOT,
                        "{\"pid\": %d, \"database\": \"app%d\", \"client\": \"10.0.%d.%d\","
                                + " \"duration\": %.2f, \"wait\": \"%s\", \"user\": \"user%d\", \"state\": \"%s\","
                                + " \"query\": \"SELECT * FROM orders WHERE customer_id = %d AND status = 'open'\","
                                + " \"iow\": \"N\", \"read_s\": \"%s\", \"write_s\": \"%s\", \"cpu\": %.1f,"
                                + " \"memory\": %.2f}",
                        7000 + i,
                        i % 7,
                        i / 250,
                        i % 250,
                        i * 0.37,
                        i % 10 == 0 ? "Y" : "N",
                        i % 13,
                        i % 5 == 0 ? "active" : "idle",
                        i,
                        i % 3 == 0 ? "N/A" : "74.62M",
                        i % 4 == 0 ? "0.00B" : "3.80K",
                        (i % 100) * 0.5,
                        0.07));
            }
            json = b.append("]}").toString();
            System.out.printf(
                    "# temBoard body: %,d bytes, %d rows%n", json.getBytes(StandardCharsets.UTF_8).length, 500);
        }
    }

    /** A GetActivities page of 1,000 activities with type-specific fields. */
    @State(Scope.Benchmark)
    public static class LandscapePage {
        String json = "";

        @Setup
        public void setUp() {
            ActivityStore store = ActivityStores.inMemory();
            store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
            store.registerComputer(Computer.builder(4, "web1").build());
            List<NewActivity> batch = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                batch.add(NewActivity.builder("ChangePackagesRequest", 5)
                        .computerId(4)
                        .summary("Install packages python-twisted-conch and python-twisted-mail " + i)
                        .detail("package_ids", JsonValue.parse("[36, 1127]"))
                        .detail(
                                "changes",
                                JsonValue.parse("[{\"package\": \"python-twisted-conch\", \"type\":"
                                        + " \"install\", \"version\": \"1:0.8.0-1\", \"complemented\": false}]"))
                        .build());
            }
            List<Activity> activities = store.createActivities(batch);
            json = LandscapeCodec.encodeActivities(activities);
            System.out.printf(
                    "# GetActivities page: %,d bytes, %d activities%n",
                    json.getBytes(StandardCharsets.UTF_8).length, activities.size());
        }
    }

    /** How many agents the concurrent polls go to. */
    static final int AGENTS = 200;

    /**
     * 200 reference agents on 127.0.0.1, each over its own in-memory store of 20 activities, each answering
     * after {@link #latencyMs} (a sleep in the agent's {@link ActivityService}, standing for the time a real
     * server spends in its database and on the network), and a {@link LandscapeClient} for each.
     */
    @State(Scope.Benchmark)
    public static class Agents {
        /** The simulated service time of every call to an agent, in milliseconds. */
        @Param({"0", "20", "50", "100"})
        public int latencyMs;

        final List<ReferenceAgent> agents = new ArrayList<>();
        final List<LandscapeClient> clients = new ArrayList<>();

        @Setup
        public void setUp() {
            ServiceLatency latency = new ServiceLatency(Duration.ofMillis(latencyMs));
            for (int a = 0; a < AGENTS; a++) {
                ActivityStore store = agentStore(a);
                ReferenceAgent agent = ReferenceAgent.builder()
                        .accessKey("KEY", "secret", new SlowActivityService(store, latency))
                        .start();
                agents.add(agent);
                URI uri = agent.landscapeUri();
                clients.add(
                        LandscapeClient.builder(uri).accessKey("KEY", "secret").build());
            }
        }

        @TearDown
        public void tearDown() {
            agents.forEach(ReferenceAgent::close);
        }
    }

    /**
     * 200 reference agents on 127.0.0.1 serving temBoard's API over an inspector of 20 backends that answers
     * after {@link #latencyMs}, and a logged-in {@link TemboardAgentClient} for each.
     */
    @State(Scope.Benchmark)
    public static class TemboardAgents {
        /** The simulated service time of every inspector call, in milliseconds. */
        @Param({"0", "20", "50", "100"})
        public int latencyMs;

        final List<ReferenceAgent> agents = new ArrayList<>();
        final List<TemboardAgentClient> clients = new ArrayList<>();

        @Setup
        public void setUp() {
            ServiceLatency latency = new ServiceLatency(Duration.ofMillis(latencyMs));
            List<CompletableFuture<?>> logins = new ArrayList<>();
            for (int a = 0; a < AGENTS; a++) {
                ReferenceAgent agent = ReferenceAgent.builder()
                        .backendInspector(new SlowInspector(20, latency))
                        .user("bench", "bench-pass")
                        .start();
                agents.add(agent);
                TemboardAgentClient client = TemboardAgentClient.builder(agent.uri())
                        .credentials("bench", "bench-pass")
                        .build();
                clients.add(client);
                // Log in now (GET /profile does not reach the inspector), so that the polls measure /activity.
                logins.add(CompletableFuture.runAsync(client::profile));
            }
            logins.forEach(CompletableFuture::join);
        }

        @TearDown
        public void tearDown() {
            clients.forEach(TemboardAgentClient::close);
            agents.forEach(ReferenceAgent::close);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<TemboardActivityRow> decodeTemboardActivity(TemboardBody body) {
        return TemboardCodec.decodeActivity(body.json);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<Activity> decodeLandscapeActivities(LandscapePage page) {
        return LandscapeCodec.decodeActivities(page.json);
    }

    /** One signed GetActivities (20 activities) to one agent. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Activity> pollOneAgent(Agents agents) {
        return agents.clients.get(0).getActivities(QueryCriteria.all(), 20, 0);
    }

    /** The same to all 200 agents at once: every {@code getActivitiesAsync} is sent, then all are joined. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int poll200Agents(Agents agents) {
        List<CompletableFuture<List<Activity>>> polls = new ArrayList<>(AGENTS);
        for (LandscapeClient client : agents.clients) {
            polls.add(client.getActivitiesAsync(QueryCriteria.all(), 20, 0));
        }
        int total = 0;
        for (CompletableFuture<List<Activity>> poll : polls) {
            total += poll.join().size();
        }
        return total;
    }

    /** One temBoard {@code GET /activity} (20 backends) to one agent. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Backend> pollOneTemboardAgent(TemboardAgents agents) {
        return agents.clients.get(0).activity();
    }

    /** The same to all 200 agents at once ({@code activityAsync}, then join all). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int poll200TemboardAgents(TemboardAgents agents) {
        List<CompletableFuture<List<Backend>>> polls = new ArrayList<>(AGENTS);
        for (TemboardAgentClient client : agents.clients) {
            polls.add(client.activityAsync());
        }
        int total = 0;
        for (CompletableFuture<List<Backend>> poll : polls) {
            total += poll.join().size();
        }
        return total;
    }

    /** What each polled agent serves: one person, computer {@code host<a>}, 20 activities. */
    static ActivityStore agentStore(int a) {
        ActivityStore store = ActivityStores.inMemory();
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.registerComputer(Computer.builder(1, "host" + a).build());
        for (int i = 0; i < 20; i++) {
            store.createActivity(NewActivity.builder("RestartRequest", 5)
                    .computerId(1)
                    .summary("Restart " + i)
                    .build());
        }
        return store;
    }
}
