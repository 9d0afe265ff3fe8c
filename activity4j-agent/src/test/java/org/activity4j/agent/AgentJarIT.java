package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Backend;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.activity4j.testkit.TestRole;
import org.activity4j.testkit.TestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent, {@code java -jar target/dist/activity4j-agent-VERSION.jar}, in a child JVM: its add-user,
 * add-key and add-landscape-user commands write the files, it serves the temBoard API (login and signed) over an
 * embedded PostgreSQL and the Landscape API (signed and JWT) over the PostgreSQL store, and on SIGTERM it finishes a request in flight before it exits.
 */
class AgentJarIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("activity4j agent listening on (http://\\S+/)");
    /** What a JVM whose shutdown hooks ran to the end exits with after SIGTERM: 128 + 15. */
    private static final int EXIT_AFTER_SIGTERM = 143;

    private static final KeyPair SIGNING = TemboardSignedClientThroughAgentIT.rsa();

    private final Path dir;

    AgentJarIT(@TempDir Path dir) {
        this.dir = dir;
    }

    private TestDatabase db;
    private TestRole role;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void database() {
        db = TestPostgres.newest().createDatabase();
        role = db.createRole("pg_monitor", "pg_signal_backend");
        db.execute("GRANT CREATE ON DATABASE " + db.name() + " TO " + role.name());
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        db.close();
    }

    @Test
    void servesBothApisFromThePackagedJar() throws Exception {
        Agent agent = start("0s");
        ActivityStore store = ActivityStores.postgres(db.dataSource(), "agent_it", Clock.systemUTC())
                .forAccount("default");
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        long id = store.createActivity(NewActivity.builder("RestartRequest", 5)
                        .summary("Restart web1")
                        .build())
                .id();

        try (TestSession busy = db.openSession();
                TemboardAgentClient temboard = TemboardAgentClient.builder(agent.uri)
                        .credentials("alice", "s3cret-pass")
                        .build()) {
            busy.start("SELECT pg_sleep(60)");
            db.awaitTrue(
                    "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ? AND state = 'active')", busy.pid());

            assertThat(temboard.activity()).extracting(Backend::pid).contains(busy.pid());
            try (TemboardSignedClient signed = TemboardSignedClient.builder(agent.uri)
                    .signWith("alice", SIGNING.getPrivate())
                    .build()) {
                assertThat(signed.activity()).extracting(Backend::pid).contains(busy.pid());
            }
        }
        List<Activity> activities = LandscapeClient.builder(agent.uri.resolve(ReferenceAgent.LANDSCAPE_PATH))
                .accessKey(agent.keyId, agent.secret)
                .build()
                .getActivities(QueryCriteria.all(), 10, 0);
        assertThat(activities).extracting(Activity::id).containsExactly(id);
        try (LandscapeClient jwt = LandscapeClient.builder(agent.uri.resolve(ReferenceAgent.LANDSCAPE_PATH))
                .passwordLogin("jane@example.com", "jane-long-pass")
                .restReads(true)
                .build()) {
            assertThat(jwt.getActivities(QueryCriteria.all(), 10, 0))
                    .extracting(Activity::id)
                    .containsExactly(id);
        }
        assertThat(Files.readString(agent.log))
                .contains("temBoard API over " + db.jdbcUrl())
                .contains("Landscape API at /api/ over the PostgreSQL store")
                .contains("plain HTTP, no TLS")
                .contains("signed API of temBoard 8+ for the key")
                .contains("1 person(s), login tokens signed with the configured secret");
    }

    @Test
    void finishesALoginInFlightOnSigtermThenExits143() throws Exception {
        Agent agent = start("3s");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // A first request warms the agent's accept and dispatch paths (a cold JVM on a loaded machine can take
        // longer than the wait below to take its first request); without a session it is refused at once.
        HttpResponse<String> warm = http.send(
                HttpRequest.newBuilder(agent.uri.resolve("/activity"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(warm.statusCode()).as(warm.body()).isBetween(400, 499); // neither session nor signature
        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<String>> login = http.sendAsync(
                HttpRequest.newBuilder(agent.uri.resolve("/login"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\": \"alice\", \"password\": \"s3cret-pass\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // The login waits 3 s on the agent; a second is ample for it to arrive there over loopback.
        Thread.sleep(1000);
        assertThat(login).isNotDone();

        agent.process.destroy(); // SIGTERM on Linux

        HttpResponse<String> response = login.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"session\"");
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(agent.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.process.exitValue()).isEqualTo(EXIT_AFTER_SIGTERM);
        assertThat(Files.readString(agent.log))
                .contains("activity4j agent stopping, 10s for requests in flight")
                .contains("activity4j agent stopped");
    }

    private record Agent(Process process, URI uri, String keyId, String secret, Path log) {}

    private Agent start(String loginDelay) throws Exception {
        Path users = dir.resolve("users");
        Path keys = dir.resolve("keys");
        Result addUser = runJar("s3cret-pass\n", "add-user", "--users", users.toString(), "alice");
        assertThat(addUser.status).as(addUser.output).isZero();
        Result addKey = runJar("", "add-key", "--keys", keys.toString(), "default");
        assertThat(addKey.status).as(addKey.output).isZero();
        String keyId = field(addKey.output, "access key id: (\\S+)");
        String secret = field(addKey.output, "secret key: +(\\S+)");
        Result addPerson = runJar(
                "jane-long-pass\n",
                "add-landscape-user",
                "--landscape-users",
                dir.resolve("people").toString(),
                "jane@example.com",
                "default");
        assertThat(addPerson.status).as(addPerson.output).isZero();
        Files.writeString(
                dir.resolve("signing.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(SIGNING.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        Path config = Files.writeString(
                dir.resolve("agent.properties"),
                String.join(
                        "\n",
                        "listen.port=0",
                        "temboard.jdbc-url=" + db.jdbcUrl(),
                        "temboard.jdbc-user=" + role.name(),
                        "temboard.users=users",
                        "temboard.pool-size=2",
                        "temboard.login-delay=" + loginDelay,
                        "temboard.signing-key=signing.pem",
                        "landscape.users=people",
                        "landscape.keys=keys",
                        "landscape.store=postgres",
                        "landscape.jdbc-url=" + db.jdbcUrl(),
                        "landscape.jdbc-user=" + role.name(),
                        "landscape.jdbc-password=" + role.password(),
                        "landscape.schema=agent_it",
                        "shutdown.grace=10s",
                        ""));
        ProcessBuilder builder = new ProcessBuilder(command("--config", config.toString()));
        builder.environment().put("ACTIVITY4J_TEMBOARD_JDBC_PASSWORD", role.password());
        builder.environment().put("ACTIVITY4J_LANDSCAPE_TOKEN_SECRET", "a token secret for the agent jar test");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // A file rather than a pipe: nothing it logs is lost when it exits, whenever the test reads it.
        Path log = dir.resolve("agent-" + processes.size() + ".log");
        builder.redirectError(log.toFile());
        Process process = builder.start();
        processes.add(process);
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new Agent(process, URI.create(m.group(1)), keyId, secret, log);
            } else if (!process.isAlive()) {
                throw new AssertionError("the agent exited " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "the agent did not log that it listens within " + START + ":\n" + Files.readString(log));
    }

    private record Result(int status, String output) {}

    private Result runJar(String stdin, String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private static List<String> command(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** The jar {@code package} made, which failsafe runs after. */
    private static Path jar() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found =
                Files.newDirectoryStream(Path.of("target", "dist"), "activity4j-agent-*.jar")) {
            for (Path p : found) {
                if (!p.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar")) {
                    jars.add(p);
                }
            }
        }
        assertThat(jars)
                .as("the agent's jar in target/dist/ (run the package phase first)")
                .hasSize(1);
        return jars.get(0);
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
