package org.activity4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.activity4j.agent.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private final Path dir;

    CliTest(@TempDir Path dir) {
        this.dir = dir;
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        Cli.Io io = new Cli.Io(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                null,
                Map.of());
        return Cli.run(args, io);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addUserHashesThePasswordReadFromStandardInput() {
        Path users = dir.resolve("users");

        int status = run("s3cret-pass\n", "add-user", "--users", users.toString(), "alice");

        assertThat(status).isZero();
        assertThat(out()).startsWith("added user alice in " + users);
        PasswordHash hash =
                java.util.Objects.requireNonNull(UsersFile.read(users).get("alice"));
        assertThat(hash.matches("s3cret-pass")).isTrue();
    }

    @Test
    void addUserChangesTheHashOfAKnownUser() {
        Path users = dir.resolve("users");
        run("first-pass\n", "add-user", "--users=" + users, "alice");

        int status = run("second-pass\n", "add-user", "--users=" + users, "alice");

        assertThat(status).isZero();
        assertThat(out()).contains("changed the password of alice in " + users);
        assertThat(java.util.Objects.requireNonNull(UsersFile.read(users).get("alice"))
                        .matches("second-pass"))
                .isTrue();
    }

    @Test
    void addUserRefusesAPasswordTheAgentsLoginWouldRefuse() {
        Path users = dir.resolve("users");

        int status = run("four\n", "add-user", "--users", users.toString(), "alice");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("a password is 5 to 32 characters long").doesNotContain("four");
        assertThat(users).doesNotExist();
    }

    @Test
    void addUserRefusesALongPassword() {
        int status = run(
                "x".repeat(33) + "\n", "add-user", "--users", dir.resolve("u").toString(), "alice");

        assertThat(status).isEqualTo(Cli.USAGE);
    }

    @Test
    void addUserRefusesABadName() {
        int status =
                run("s3cret-pass\n", "add-user", "--users", dir.resolve("u").toString(), "Alice!");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("a user name is 3 to 16 of a-z and 0-9: Alice!");
    }

    @Test
    void addUserRefusesAnEmptyStandardInput() {
        int status = run("", "add-user", "--users", dir.resolve("u").toString(), "alice");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("no password on standard input");
    }

    @Test
    void addUserWithoutTheUsersFileShowsItsUsage() {
        int status = run("s3cret-pass\n", "add-user", "alice");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("usage: add-user --users FILE NAME");
    }

    @Test
    void addKeyPrintsTheKeyItAppendsOnce() {
        Path keys = dir.resolve("keys");

        int status = run("", "add-key", "--keys", keys.toString(), "default");

        assertThat(status).isZero();
        KeysFile.AccessKey key = KeysFile.read(keys).get(0);
        assertThat(out())
                .contains("access key id: " + key.keyId() + "\n")
                .contains("secret key:    " + key.secret() + "\n")
                .contains("for account default");
    }

    @Test
    void addLandscapeUserHashesThePasswordAndKeepsTheAccount() {
        Path people = dir.resolve("people");

        int status = run(
                "a long passphrase\n",
                "add-landscape-user",
                "--landscape-users",
                people.toString(),
                "jane@example.com",
                "default");

        assertThat(status).as(err()).isZero();
        assertThat(out()).startsWith("added jane@example.com (account default) in " + people);
        LandscapeUsersFile.User jane =
                java.util.Objects.requireNonNull(LandscapeUsersFile.read(people).get("jane@example.com"));
        assertThat(jane.account()).isEqualTo("default");
        assertThat(jane.hash().matches("a long passphrase")).isTrue();
        assertThat(jane.hash().matches("another")).isFalse();
    }

    @Test
    void addLandscapeUserRefusesAnEmailTheFileCannotHold() {
        for (String email : java.util.List.of("no-at-sign", "a:b@example.com", "two@at@example.com", "sp ace@x.org")) {
            int status = run(
                    "pw\n",
                    "add-landscape-user",
                    "--landscape-users",
                    dir.resolve("p").toString(),
                    email,
                    "default");

            assertThat(status).as(email).isEqualTo(Cli.USAGE);
        }
        assertThat(dir.resolve("p")).doesNotExist();
        assertThat(err()).contains("no-at-sign");
    }

    @Test
    void addLandscapeUserWithoutTheAccountShowsItsUsage() {
        int status = run(
                "pw\n",
                "add-landscape-user",
                "--landscape-users",
                dir.resolve("p").toString(),
                "jane@example.com");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("add-landscape-user --landscape-users FILE EMAIL ACCOUNT");
    }

    @Test
    void addKeyRefusesABadAccount() {
        int status = run("", "add-key", "--keys", dir.resolve("keys").toString(), "a:b");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(dir.resolve("keys")).doesNotExist();
    }

    @Test
    void helpListsEveryKeyWithItsDefault() {
        int status = run("", "--help");

        assertThat(status).isZero();
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(out())
                    .containsPattern("(?m)^  " + java.util.regex.Pattern.quote(k.key()) + " +"
                            + java.util.regex.Pattern.quote(k.defaultValue().orElse("-")) + " ");
        }
    }

    @Test
    void aBadValueIsAConfigurationErrorOnStandardError() {
        int status = run("", "--landscape.keys=k", "--listen.port=http");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err())
                .isEqualTo("activity4j agent: bad value of listen.port in flag --listen.port: 'http': not a whole"
                        + " number (decimal digits, at most 9)\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void anArgumentThatIsNotAFlagIsAUsageError() {
        int status = run("", "--landscape.keys=k", "serve-now");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("unexpected argument 'serve-now' (flags are --key=value)");
    }

    @Test
    void aFlagGivenTwiceIsAUsageError() {
        int status = run("", "--landscape.keys=k", "--listen.port=1", "--listen.port=2");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err()).contains("--listen.port is given twice");
    }

    @Test
    void aBadKeysFileIsAConfigurationError() throws IOException {
        Path keys = Files.write(dir.resolve("keys"), List.of("KEY1:only-two"));

        int status = run("", "--landscape.keys=" + keys, "--listen.port=0");

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err())
                .contains(keys + " line 1: expected KEY_ID:SECRET:ACCOUNT")
                .doesNotContain("only-two");
    }

    @Test
    void anAddressInUseFailsTheStart() throws IOException {
        Path keys = Files.write(dir.resolve("keys"), List.of("KEY1:secret1:default"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int status = run("", "--landscape.keys=" + keys, "--listen.port=" + taken.getLocalPort());

            assertThat(status).isEqualTo(Cli.FAILED);
            assertThat(err())
                    .startsWith("activity4j agent: cannot start: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
