package org.activity4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigTest {
    private static final Map<String, String> NO_ENV = Map.of();

    private final Path dir;

    AgentConfigTest(@TempDir Path dir) {
        this.dir = dir;
    }

    private static AgentConfig flags(String... keyValues) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            flags.put(keyValues[i], keyValues[i + 1]);
        }
        return AgentConfig.load(Optional.empty(), flags, NO_ENV);
    }

    private AgentConfig file(String text, String... flags) throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), text);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < flags.length; i += 2) {
            map.put(flags[i], flags[i + 1]);
        }
        return AgentConfig.load(Optional.of(file), map, NO_ENV);
    }

    @Test
    void defaultsAreThoseOfTheReadme() {
        AgentConfig c = flags("landscape.keys", "/etc/keys");

        assertThat(c.address()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(c.port()).isEqualTo(2345);
        assertThat(c.tls()).isEmpty();
        assertThat(c.temboard()).isEmpty();
        assertThat(c.landscape().orElseThrow())
                .isEqualTo(new AgentConfig.Landscape(
                        Path.of("/etc/keys"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        "activity4j",
                        Duration.ofMinutes(15)));
        assertThat(c.limits())
                .isEqualTo(new AgentConfig.Limits(
                        32, 256, 256, Duration.ofSeconds(30), Duration.ofSeconds(10), 8192, 100));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void temboardDefaultsToTheRealAgentsLoginDelayAndSessionTimeout() {
        AgentConfig.Temboard t = flags("temboard.jdbc-url", "jdbc:postgresql://db/postgres", "temboard.users", "/u")
                .temboard()
                .orElseThrow();

        assertThat(t.loginDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.sessionTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(t.osFigures()).isTrue();
        assertThat(t.signingKey()).isEmpty();
        assertThat(t.jdbc())
                .isEqualTo(
                        new AgentConfig.Jdbc("jdbc:postgresql://db/postgres", Optional.empty(), Optional.empty(), 4));
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        AgentConfig c = file("landscape.keys=keys\nlisten.port=3000\n", "listen.port", "0");

        assertThat(c.port()).isZero();
    }

    @Test
    void pathsInTheFileAreRelativeToItsDirectoryAndFlagsToTheWorkingDirectory() throws IOException {
        AgentConfig c =
                file("landscape.keys=keys\ntemboard.jdbc-url=jdbc:postgresql://db/p\n", "temboard.users", "users");

        assertThat(c.landscape().orElseThrow().keys())
                .isEqualTo(dir.toAbsolutePath().resolve("keys"));
        assertThat(c.temboard().orElseThrow().users()).isEqualTo(Path.of("users"));
    }

    @Test
    void readsTheWholeTemboardAndPostgresLandscapeSections() throws IOException {
        AgentConfig c = file(String.join(
                "\n",
                "listen.address=0.0.0.0",
                "tls.certificate=/tls/agent.crt",
                "tls.key=/tls/agent.key",
                "temboard.jdbc-url=jdbc:postgresql://db:5432/postgres",
                "temboard.jdbc-user=monitor",
                "temboard.jdbc-password=pw1",
                "temboard.pool-size=2",
                "temboard.users=/u",
                "temboard.signing-key=/signing.pem",
                "temboard.os-figures=false",
                "temboard.session-timeout=30m",
                "temboard.login-delay=0s",
                "landscape.keys=/k",
                "landscape.users=/people",
                "landscape.token-secret=0123456789abcdef0123456789abcdef",
                "landscape.store=postgres",
                "landscape.jdbc-url=jdbc:postgresql://db:5432/landscape",
                "landscape.jdbc-user=store",
                "landscape.pool-size=8",
                "landscape.schema=acts",
                "landscape.signature-window=5m",
                "server.max-threads=64",
                "server.max-queued-requests=10",
                "server.accept-queue-size=50",
                "server.idle-timeout=1m",
                "server.header-timeout=500ms",
                "server.max-header-bytes=16384",
                "server.max-header-count=20",
                "shutdown.grace=0s"));

        assertThat(c.address().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(c.tls()).contains(new AgentConfig.PemTls(Path.of("/tls/agent.crt"), Path.of("/tls/agent.key")));
        assertThat(c.temboard())
                .contains(new AgentConfig.Temboard(
                        new AgentConfig.Jdbc(
                                "jdbc:postgresql://db:5432/postgres", Optional.of("monitor"), Optional.of("pw1"), 2),
                        Path.of("/u"),
                        Optional.of(Path.of("/signing.pem")),
                        false,
                        Duration.ofMinutes(30),
                        Duration.ZERO));
        assertThat(c.landscape())
                .contains(new AgentConfig.Landscape(
                        Path.of("/k"),
                        Optional.of(Path.of("/people")),
                        Optional.of("0123456789abcdef0123456789abcdef"),
                        Optional.of(new AgentConfig.Jdbc(
                                "jdbc:postgresql://db:5432/landscape", Optional.of("store"), Optional.empty(), 8)),
                        "acts",
                        Duration.ofMinutes(5)));
        assertThat(c.limits())
                .isEqualTo(
                        new AgentConfig.Limits(64, 10, 50, Duration.ofMinutes(1), Duration.ofMillis(500), 16384, 20));
        assertThat(c.shutdownGrace()).isZero();
    }

    @Test
    void readsTheTokenSecretFromTheEnvironmentAndNeverShowsIt() {
        String secret = "a-token-secret-of-forty-characters-long!";
        AgentConfig c = AgentConfig.load(
                Optional.empty(), Map.of("landscape.keys", "k"), Map.of("ACTIVITY4J_LANDSCAPE_TOKEN_SECRET", secret));

        assertThat(c.landscape().orElseThrow().tokenSecret()).contains(secret);
        assertThat(c.landscape().orElseThrow().toString())
                .doesNotContain(secret)
                .contains("not shown");
        assertThat(flags("landscape.keys", "k").landscape().orElseThrow().tokenSecret())
                .isEmpty();
    }

    @Test
    void refusesAShortTokenSecretWithoutShowingIt() {
        assertThatThrownBy(() -> AgentConfig.load(
                        Optional.empty(),
                        Map.of("landscape.keys", "k"),
                        Map.of("ACTIVITY4J_LANDSCAPE_TOKEN_SECRET", "short-secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("landscape.token-secret")
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void refusesTheTokenSecretAsAFlag() {
        assertThatThrownBy(() ->
                        flags("landscape.keys", "k", "landscape.token-secret", "0123456789abcdef0123456789abcdef"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ACTIVITY4J_LANDSCAPE_TOKEN_SECRET")
                .hasMessageNotContaining("0123456789abcdef");
    }

    @Test
    void refusesLandscapeUsersAndTheSigningKeyWithoutTheirSection() {
        assertThatThrownBy(() -> flags(
                        "temboard.jdbc-url",
                        "jdbc:postgresql://db/p",
                        "temboard.users",
                        "u",
                        "landscape.users",
                        "people"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("landscape.users is given without landscape.keys");
        assertThatThrownBy(() -> flags("landscape.keys", "k", "temboard.signing-key", "signing.pem"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("temboard.signing-key is given without temboard.jdbc-url");
    }

    @Test
    void readsAPkcs12KeyStoreWithItsPasswordFromTheEnvironment() {
        AgentConfig c = AgentConfig.load(
                Optional.empty(),
                Map.of("landscape.keys", "k", "tls.keystore", "/tls/agent.p12"),
                Map.of("ACTIVITY4J_TLS_KEYSTORE_PASSWORD", "from-env"));

        assertThat(c.tls()).contains(new AgentConfig.KeyStoreTls(Path.of("/tls/agent.p12"), "from-env"));
    }

    @Test
    void readsTheDatabasePasswordFromTheEnvironment() {
        AgentConfig c = AgentConfig.load(
                Optional.empty(),
                Map.of("temboard.jdbc-url", "jdbc:postgresql://db/p", "temboard.users", "u"),
                Map.of("ACTIVITY4J_TEMBOARD_JDBC_PASSWORD", "s3cret"));

        assertThat(c.temboard().orElseThrow().jdbc().password()).contains("s3cret");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "listen.address|\"\"|'': not an address",
                "listen.address|no.such.host.invalid|'no.such.host.invalid': unknown host",
                "listen.port|23x|'23x': not a whole number",
                "listen.port|-1|'-1': not a whole number",
                "listen.port|70000|'70000': port must be 0 to 65535: 70000",
                "listen.port|\"2345 \"|\"'2345 ': not a whole number\"",
                "temboard.pool-size|0|'0': not 1 to 100",
                "temboard.pool-size|101|'101': not 1 to 100",
                "temboard.os-figures|yes|'yes': not true or false",
                "temboard.session-timeout|0s|'0s': sessionTimeout must be positive: PT0S",
                "temboard.session-timeout|PT10S|'PT10S': not a duration",
                "temboard.login-delay|1.5s|'1.5s': not a duration",
                "temboard.jdbc-url|jdbc:mysql://db/x|'jdbc:mysql://db/x': not a PostgreSQL JDBC URL",
                "temboard.jdbc-user|\"\"|'': empty",
                "landscape.store|mongo|'mongo': not memory or postgres",
                "landscape.signature-window|10|'10': not a duration",
                "server.max-threads|4|'4': maxThreads must be 8 to 10000: 4",
                "server.max-queued-requests|0|'0': maxQueuedRequests must be 1 to 1000000: 0",
                "server.accept-queue-size|70000|'70000': acceptQueueSize must be 1 to 65535: 70000",
                "server.idle-timeout|0ms|'0ms': idleTimeout must be positive: PT0S",
                "server.header-timeout|10 s|'10 s': not a duration",
                "server.max-header-bytes|100|'100': maxHeaderBytes must be 1024 to 65536: 100",
                "server.max-header-count|1|'1': maxHeaderCount must be 10 to 10000: 1",
                "shutdown.grace|-1s|'-1s': not a duration",
            })
    void refusesABadValueNamingTheKeyAndTheValue(String key, String value, String expected) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("temboard.jdbc-url", "jdbc:postgresql://db/p");
        flags.put("temboard.users", "u");
        flags.put("landscape.keys", "k");
        flags.put(key, value);

        assertThatThrownBy(() -> AgentConfig.load(Optional.empty(), flags, NO_ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad value of " + key + " in flag --" + key + ": " + expected);
    }

    @Test
    void refusesAnEmptyPath() {
        assertThatThrownBy(() -> flags("landscape.keys", ""))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bad value of landscape.keys in flag --landscape.keys: '': an empty path");
    }

    @Test
    void refusesAnUnknownKeyInTheFileNamingTheFile() {
        assertThatThrownBy(() -> file("landscape.keys=k\nlisten.prot=2345\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "unknown key 'listen.prot' in " + dir.resolve("agent.properties") + " (--help lists the keys)");
    }

    @Test
    void refusesAnUnknownFlag() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "temboard.user", "alice"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'temboard.user' in the command line (--help lists the keys)");
    }

    @Test
    void refusesAKeyGivenTwiceInTheFile() {
        assertThatThrownBy(() -> file("landscape.keys=k\nlisten.port=1\nlisten.port=2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the key 'listen.port' is given twice in " + dir.resolve("agent.properties"));
    }

    @Test
    void refusesAMissingFile() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> AgentConfig.load(Optional.of(missing), Map.of(), NO_ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read the configuration file " + missing);
    }

    @Test
    void refusesASecretAsAFlag() {
        assertThatThrownBy(() ->
                        flags("temboard.jdbc-url", "jdbc:postgresql://db/p", "temboard.jdbc-password", "visible-in-ps"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--temboard.jdbc-password is refused on the command line")
                .hasMessageContaining("ACTIVITY4J_TEMBOARD_JDBC_PASSWORD")
                .hasMessageNotContaining("visible-in-ps");
    }

    @Test
    void refusesASecretGivenInTheFileAndTheEnvironmentWithoutShowingIt() throws IOException {
        Path file = Files.writeString(
                dir.resolve("agent.properties"),
                "landscape.keys=k\nlandscape.store=postgres\nlandscape.jdbc-url=jdbc:postgresql://db/l\n"
                        + "landscape.jdbc-password=in-file\n");

        assertThatThrownBy(() -> AgentConfig.load(
                        Optional.of(file), Map.of(), Map.of("ACTIVITY4J_LANDSCAPE_JDBC_PASSWORD", "in-env")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("landscape.jdbc-password is given both in")
                .hasMessageNotContaining("in-file")
                .hasMessageNotContaining("in-env");
    }

    @Test
    void refusesToServeNothing() {
        assertThatThrownBy(() -> flags("listen.port", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("nothing to serve: give temboard.jdbc-url");
    }

    @Test
    void refusesTheTemboardApiWithoutAUsersFile() {
        assertThatThrownBy(() -> flags("temboard.jdbc-url", "jdbc:postgresql://db/p"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing temboard.users (--help lists the keys)");
    }

    @Test
    void refusesTemboardKeysWithoutTheJdbcUrl() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "temboard.users", "u"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("temboard.users is given without temboard.jdbc-url");
    }

    @Test
    void refusesLandscapeKeysWithoutTheKeysFile() {
        assertThatThrownBy(() -> flags(
                        "temboard.jdbc-url",
                        "jdbc:postgresql://db/p",
                        "temboard.users",
                        "u",
                        "landscape.store",
                        "memory"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("landscape.store is given without landscape.keys");
    }

    @Test
    void refusesThePostgresStoreWithoutItsUrl() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "landscape.store", "postgres"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("landscape.store=postgres needs landscape.jdbc-url");
    }

    @Test
    void refusesPostgresStoreKeysForTheMemoryStore() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "landscape.jdbc-url", "jdbc:postgresql://db/l"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("landscape.jdbc-url is only for landscape.store=postgres, and the store is memory");
    }

    @Test
    void refusesABadSchemaName() {
        assertThatThrownBy(() -> flags(
                        "landscape.keys",
                        "k",
                        "landscape.store",
                        "postgres",
                        "landscape.jdbc-url",
                        "jdbc:postgresql://db/l",
                        "landscape.schema",
                        "Drop Table"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bad value of landscape.schema in flag --landscape.schema: 'Drop Table': not a"
                        + " schema name");
    }

    @Test
    void refusesAKeyStoreWithoutItsPassword() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "tls.keystore", "/a.p12"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing tls.keystore.password (--help lists the keys)");
    }

    @Test
    void refusesAKeyStoreAndPemFilesTogether() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "tls.keystore", "/a.p12", "tls.certificate", "/a.crt"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("give either tls.keystore or tls.certificate and tls.key, not both");
    }

    @Test
    void refusesACertificateWithoutItsKey() {
        assertThatThrownBy(() -> flags("landscape.keys", "k", "tls.certificate", "/a.crt"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tls.certificate and tls.key go together: give both or neither");
    }

    @Test
    void refusesAKeyStorePasswordWithoutAKeyStore() {
        assertThatThrownBy(() -> AgentConfig.load(
                        Optional.empty(),
                        Map.of("landscape.keys", "k"),
                        Map.of("ACTIVITY4J_TLS_KEYSTORE_PASSWORD", "pw")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tls.keystore.password is given without tls.keystore");
    }

    @Test
    void masksAPasswordInTheJdbcUrl() {
        AgentConfig.Jdbc jdbc = new AgentConfig.Jdbc(
                "jdbc:postgresql://db/p?user=u&password=s3cret&ssl=true", Optional.empty(), Optional.empty(), 1);

        assertThat(jdbc.safeUrl()).isEqualTo("jdbc:postgresql://db/p?user=u&password=***&ssl=true");
        assertThat(jdbc.toString()).doesNotContain("s3cret");
    }

    @Test
    void keyStoreSettingsDoNotShowThePassword() {
        assertThat(new AgentConfig.KeyStoreTls(Path.of("/a.p12"), "s3cret").toString())
                .doesNotContain("s3cret");
    }
}
