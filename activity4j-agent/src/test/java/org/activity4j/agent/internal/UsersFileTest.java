package org.activity4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.activity4j.agent.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
    private final Path dir;

    UsersFileTest(@TempDir Path dir) {
        this.dir = dir;
    }

    @Test
    void readsWhatPutWrote() throws IOException {
        Path file = dir.resolve("users");
        PasswordHash alice = PasswordHash.of("alice-pass");
        PasswordHash bob = PasswordHash.of("bob-pass");

        assertThat(UsersFile.put(file, "alice", alice)).isFalse();
        assertThat(UsersFile.put(file, "bob", bob)).isFalse();

        assertThat(UsersFile.read(file)).containsExactly(entry("alice", alice), entry("bob", bob));
    }

    @Test
    void putReplacesAUsersHashAndKeepsTheOtherLines() throws IOException {
        Path file = dir.resolve("users");
        PasswordHash old = PasswordHash.of("old-pass");
        PasswordHash bob = PasswordHash.of("bob-pass");
        Files.write(file, List.of("# temBoard users", "alice:" + old.encoded(), "", "bob:" + bob.encoded()));
        PasswordHash changed = PasswordHash.of("new-pass");

        assertThat(UsersFile.put(file, "alice", changed)).isTrue();

        assertThat(Files.readAllLines(file))
                .containsExactly("# temBoard users", "alice:" + changed.encoded(), "", "bob:" + bob.encoded());
    }

    @Test
    void createsTheFileOwnerReadableOnly() throws IOException {
        Path file = dir.resolve("users");

        UsersFile.put(file, "alice", PasswordHash.of("alice-pass"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void keepsTheModeOfTheFileItReplaces() throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        UsersFile.put(file, "alice", PasswordHash.of("alice-pass"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void refusesALineWithoutAColonWithoutQuotingIt() throws IOException {
        Path file = Files.write(dir.resolve("users"), List.of("# users", "alicemy-clear-password"));

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 2: expected NAME:HASH (no ':' found)");
    }

    @Test
    void refusesAClearPasswordInPlaceOfTheHashWithoutQuotingIt() throws IOException {
        Path file = Files.write(dir.resolve("users"), List.of("alice:my-clear-password"));

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 1: the hash of user alice is not pbkdf2-sha256$ITERATIONS$SALT$HASH"
                        + " (add-user writes it)")
                .hasNoCause();
    }

    @Test
    void refusesAMalformedHashWithoutQuotingIt() throws IOException {
        String hash = PasswordHash.of("alice-pass").encoded();
        String truncated = hash.substring(0, hash.length() - 8);
        Path file = Files.write(dir.resolve("users"), List.of("", "alice:" + truncated));

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + " line 2: the hash of user alice is malformed: ")
                .hasMessageNotContaining(truncated.substring(truncated.lastIndexOf('$') + 1));
    }

    @Test
    void refusesABadUserName() throws IOException {
        Path file = Files.write(
                dir.resolve("users"),
                List.of("Alice:" + PasswordHash.of("alice-pass").encoded()));

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 1: the user name is not 3 to 16 of a-z and 0-9");
    }

    @Test
    void refusesAUserGivenTwice() throws IOException {
        String line = "alice:" + PasswordHash.of("alice-pass").encoded();
        Path file = Files.write(dir.resolve("users"), List.of(line, "#", line));

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 3: user alice is given twice");
    }

    @Test
    void putLeavesABadFileAlone() throws IOException {
        Path file = Files.write(dir.resolve("users"), List.of("broken"));

        assertThatThrownBy(() -> UsersFile.put(file, "alice", PasswordHash.of("alice-pass")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 1: expected NAME:HASH (no ':' found)");
        assertThat(Files.readAllLines(file)).containsExactly("broken");
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("missing");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the users file " + file + " does not exist");
    }

    private static java.util.Map.Entry<String, PasswordHash> entry(String name, PasswordHash hash) {
        return java.util.Map.entry(name, hash);
    }
}
