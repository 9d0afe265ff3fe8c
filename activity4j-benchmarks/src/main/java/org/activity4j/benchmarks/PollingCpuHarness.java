package org.activity4j.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.activity4j.agent.ReferenceAgent;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.ActivityStore;
import org.activity4j.query.QueryCriteria;

/**
 * Where the CPU of polling goes, which {@link WireBenchmark} cannot say because its agents run in its own JVM:
 * starts the reference agents (the same as the benchmark's, with the same simulated service time) in a child
 * JVM, polls them from this one, and counts each process's CPU time apart (this JVM's process CPU time, the
 * child's from {@link ProcessHandle.Info#totalCpuDuration()}). Both JVMs are warmed up first (JIT) for {@code
 * warmup} seconds; the latencies are then set in turn in the same child. Prints a Markdown table for
 * PERFORMANCE.md.
 *
 * <pre>{@code
 * java -cp activity4j-benchmarks/target/benchmarks.jar org.activity4j.benchmarks.PollingCpuHarness \
 *     [agents=200] [latencies=0,20,50,100] [rounds=50] [warmup=60]
 * }</pre>
 *
 * <p>Both processes share this machine's cores, so wall times are those of the benchmark; the CPU columns are
 * what a client host would pay per poll with its agents elsewhere, and what each agent pays per answer.
 */
public final class PollingCpuHarness {
    private static final String KEY = "KEY";
    private static final String SECRET = "secret";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-pass";

    private PollingCpuHarness() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]));
            return;
        }
        HarnessOptions options = HarnessOptions.parse(args, Set.of("agents", "latencies", "rounds", "warmup"));
        int agents = options.integer("agents", 200);
        List<Integer> latencies = options.integers("latencies", List.of(0, 20, 50, 100));
        int rounds = options.integer("rounds", 50);
        int warmup = options.integer("warmup", 60);
        Child child = Child.start(agents);
        List<LandscapeClient> landscape = new ArrayList<>();
        List<TemboardAgentClient> temboard = new ArrayList<>();
        for (int port : child.ports()) {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            landscape.add(LandscapeClient.builder(base.resolve(ReferenceAgent.LANDSCAPE_PATH))
                    .accessKey(KEY, SECRET)
                    .build());
            temboard.add(TemboardAgentClient.builder(base)
                    .credentials(USER, PASSWORD)
                    .build());
        }
        temboard.forEach(TemboardAgentClient::profile);
        Function<LandscapeClient, CompletableFuture<? extends List<?>>> getActivities =
                c -> c.getActivitiesAsync(QueryCriteria.all(), 20, 0);
        Function<TemboardAgentClient, CompletableFuture<? extends List<?>>> activity =
                TemboardAgentClient::activityAsync;
        long warmEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        while (System.nanoTime() < warmEnd) {
            pollAll(landscape, getActivities);
            pollAll(temboard, activity);
            landscape.get(0).getActivities(QueryCriteria.all(), 20, 0);
            temboard.get(0).activity();
        }
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + "; " + agents + " agents in a child JVM; " + rounds
                + " rounds per row after " + warmup + " s of warm-up");
        System.out.println();
        System.out.println("| API | latency | one poll | " + agents + " polls at once | ratio"
                + " | client CPU per poll | agents' CPU per poll |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int latency : latencies) {
            child.latency(latency);
            row("Landscape GetActivities", latency, landscape, getActivities, child, rounds);
            row("temBoard /activity", latency, temboard, activity, child, rounds);
        }
        temboard.forEach(TemboardAgentClient::close);
        child.stop();
        System.exit(0);
    }

    private static <C> void row(
            String api,
            int latency,
            List<C> clients,
            Function<C, CompletableFuture<? extends List<?>>> poll,
            Child child,
            int rounds) {
        C first = clients.get(0);
        for (int i = 0; i < 5; i++) {
            pollAll(clients, poll);
            poll.apply(first).join();
        }
        Sample one = Sample.start(child);
        for (int i = 0; i < rounds; i++) {
            poll.apply(first).join();
        }
        Sample.Delta alone = one.end(rounds);
        Sample all = Sample.start(child);
        for (int i = 0; i < rounds; i++) {
            pollAll(clients, poll);
        }
        Sample.Delta atOnce = all.end(rounds);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d ms | %.2f ms | %.1f ms | %.2fx | %.3f ms | %.3f ms |%n",
                api,
                latency,
                alone.wallMs(),
                atOnce.wallMs(),
                atOnce.wallMs() / alone.wallMs(),
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
    private record Sample(long wallNanos, long clientCpuNanos, long agentCpuNanos, Child child) {
        static Sample start(Child child) {
            return new Sample(System.nanoTime(), clientCpu(), child.cpuNanos(), child);
        }

        /** Per repetition, in milliseconds. */
        record Delta(double wallMs, double clientCpuMs, double agentCpuMs) {}

        Delta end(int repetitions) {
            double n = repetitions * 1e6;
            return new Delta(
                    (System.nanoTime() - wallNanos) / n,
                    (clientCpu() - clientCpuNanos) / n,
                    (child.cpuNanos() - agentCpuNanos) / n);
        }

        private static long clientCpu() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    /** The agents' JVM: its ports, and a line protocol on its standard input and output. */
    private record Child(Process process, BufferedReader out, PrintStream in, List<Integer> ports) {
        static Child start(int agents) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(
                            java.toString(),
                            "-Xmx1g",
                            "-cp",
                            System.getProperty("java.class.path"),
                            PollingCpuHarness.class.getName(),
                            "serve",
                            Integer.toString(agents))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < agents) {
                ports.add(Integer.valueOf(line(out).trim()));
            }
            return new Child(
                    process, out, new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8), ports);
        }

        void latency(int ms) throws IOException {
            in.println(ms);
            line(out);
        }

        long cpuNanos() {
            return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
        }

        void stop() throws InterruptedException {
            in.close();
            process.waitFor();
        }

        private static String line(BufferedReader out) throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the agents' JVM ended");
            }
            return line;
        }
    }

    /**
     * The child: {@code agents} agents serving both APIs, each answering after a latency that every line of
     * standard input sets (in ms, answered {@code ok}), until standard input ends.
     */
    private static void serve(int agents) throws IOException {
        ServiceLatency wait = new ServiceLatency(Duration.ZERO);
        List<ReferenceAgent> started = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            ActivityStore store = WireBenchmark.agentStore(a);
            ReferenceAgent agent = ReferenceAgent.builder()
                    .accessKey(KEY, SECRET, new SlowActivityService(store, wait))
                    .backendInspector(new SlowInspector(20, wait))
                    .user(USER, PASSWORD)
                    .start();
            started.add(agent);
            System.out.println(agent.uri().getPort());
        }
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            wait.set(Duration.ofMillis(Long.parseLong(line.trim())));
            System.out.println("ok");
            System.out.flush();
        }
        started.forEach(ReferenceAgent::close);
    }
}
