package org.activity4j.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.examples.agent.ReferenceAgent;
import org.activity4j.query.QueryCriteria;

/**
 * Where the CPU of polling goes, which {@link WireBenchmark} cannot say because its agents run in its own JVM:
 * starts the reference agents (the same as the benchmark's, with the same simulated service time) in a child
 * JVM, polls them from this one, and counts the CPU time of each process apart (this JVM's process CPU time,
 * the child's from {@link ProcessHandle.Info#totalCpuDuration()}). Prints a Markdown table for
 * PERFORMANCE.md.
 *
 * <pre>{@code
 * java -cp activity4j-benchmarks/target/benchmarks.jar org.activity4j.benchmarks.PollingCpuHarness \
 *     [agents=200] [latencies=0,20,50,100] [rounds=30] [warmup=30]
 * }</pre>
 *
 * <p>Both processes share this machine's cores, so wall times are those of the benchmark; the CPU columns are
 * what a client host would pay per poll with its agents elsewhere.
 */
public final class PollingCpuHarness {
    private static final String KEY = "KEY";
    private static final String SECRET = "secret";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-pass";

    private PollingCpuHarness() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int agents = 200;
        List<Integer> latencies = List.of(0, 20, 50, 100);
        int rounds = 30;
        int warmup = 30;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected name=value: " + arg);
            }
            switch (kv[0]) {
                case "agents" -> agents = Integer.parseInt(kv[1]);
                case "latencies" ->
                    latencies = Arrays.stream(kv[1].split(",", -1))
                            .map(Integer::valueOf)
                            .toList();
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option: " + kv[0]);
            }
        }
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + "; " + agents + " agents in a child JVM, " + rounds
                + " measured rounds after " + warmup);
        System.out.println();
        System.out.println("| API | latency | one poll | " + agents + " polls at once | ratio"
                + " | client CPU per poll, alone | client CPU per poll, at once | agents' CPU per poll |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int latency : latencies) {
            Process child = startAgents(agents, latency);
            try {
                List<Integer> ports = ports(child, agents);
                List<LandscapeClient> landscape = new ArrayList<>();
                List<TemboardAgentClient> temboard = new ArrayList<>();
                for (int port : ports) {
                    URI base = URI.create("http://127.0.0.1:" + port + "/");
                    landscape.add(LandscapeClient.builder(base.resolve(ReferenceAgent.LANDSCAPE_PATH))
                            .accessKey(KEY, SECRET)
                            .build());
                    temboard.add(TemboardAgentClient.builder(base)
                            .credentials(USER, PASSWORD)
                            .build());
                }
                temboard.forEach(TemboardAgentClient::profile);
                row(
                        "Landscape GetActivities",
                        latency,
                        landscape,
                        c -> c.getActivitiesAsync(QueryCriteria.all(), 20, 0),
                        child,
                        rounds,
                        warmup);
                row("temBoard /activity", latency, temboard, TemboardAgentClient::activityAsync, child, rounds, warmup);
                temboard.forEach(TemboardAgentClient::close);
            } finally {
                child.getOutputStream().close();
                child.waitFor();
            }
        }
        System.exit(0);
    }

    private static <C> void row(
            String api,
            int latency,
            List<C> clients,
            Function<C, CompletableFuture<? extends List<?>>> poll,
            Process child,
            int rounds,
            int warmup) {
        C first = clients.get(0);
        int singles = Math.max(rounds, 20);
        for (int i = 0; i < warmup * 5; i++) {
            poll.apply(first).join();
        }
        Sample one = Sample.start(child);
        for (int i = 0; i < singles; i++) {
            poll.apply(first).join();
        }
        Sample.Delta alone = one.end(singles);
        for (int i = 0; i < warmup; i++) {
            pollAll(clients, poll);
        }
        Sample all = Sample.start(child);
        for (int i = 0; i < rounds; i++) {
            pollAll(clients, poll);
        }
        Sample.Delta atOnce = all.end(rounds);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d ms | %.2f ms | %.1f ms | %.2fx | %.3f ms | %.3f ms | %.3f ms |%n",
                api,
                latency,
                alone.wallMs(),
                atOnce.wallMs(),
                atOnce.wallMs() / alone.wallMs(),
                alone.clientCpuMs(),
                atOnce.clientCpuMs() / clients.size(),
                atOnce.agentCpuMs() / clients.size());
    }

    private static <C> void pollAll(List<C> clients, Function<C, CompletableFuture<? extends List<?>>> poll) {
        List<CompletableFuture<? extends List<?>>> polls = new ArrayList<>(clients.size());
        for (C client : clients) {
            polls.add(poll.apply(client));
        }
        polls.forEach(CompletableFuture::join);
    }

    /** Wall time and both processes' CPU time at a start. */
    private record Sample(long wallNanos, long clientCpuNanos, long agentCpuNanos, Process child) {
        static Sample start(Process child) {
            return new Sample(System.nanoTime(), clientCpu(), agentCpu(child), child);
        }

        /** Per repetition, in milliseconds. */
        record Delta(double wallMs, double clientCpuMs, double agentCpuMs) {}

        Delta end(int repetitions) {
            double n = repetitions * 1e6;
            return new Delta(
                    (System.nanoTime() - wallNanos) / n,
                    (clientCpu() - clientCpuNanos) / n,
                    (agentCpu(child) - agentCpuNanos) / n);
        }

        private static long clientCpu() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long agentCpu(Process child) {
            return child.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
        }
    }

    private static Process startAgents(int agents, int latency) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(
                        java.toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        PollingCpuHarness.class.getName(),
                        "serve",
                        Integer.toString(agents),
                        Integer.toString(latency))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<Integer> ports(Process child, int agents) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < agents) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the agents' JVM ended after " + ports.size() + " ports");
            }
            ports.add(Integer.valueOf(line.trim()));
        }
        return ports;
    }

    /** The child: {@code agents} agents serving both APIs, each answering after {@code latency} ms. */
    private static void serve(int agents, int latency) throws IOException {
        ServiceLatency wait = new ServiceLatency(Duration.ofMillis(latency));
        List<ReferenceAgent> started = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            ActivityStore store = ActivityStores.inMemory();
            store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
            store.registerComputer(Computer.builder(1, "host" + a).build());
            for (int i = 0; i < 20; i++) {
                store.createActivity(NewActivity.builder("RestartRequest", 5)
                        .computerId(1)
                        .summary("Restart " + i)
                        .build());
            }
            ReferenceAgent agent = ReferenceAgent.builder()
                    .accessKey(KEY, SECRET, new SlowActivityService(store, wait))
                    .backendInspector(new SlowInspector(20, wait))
                    .user(USER, PASSWORD)
                    .start();
            started.add(agent);
            System.out.println(agent.uri().getPort());
        }
        System.out.flush();
        // Serve until the parent closes our standard input.
        while (System.in.read() >= 0) {
            // nothing to read; EOF ends the loop
        }
        started.forEach(ReferenceAgent::close);
    }
}
