package org.activity4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysFileTest {
    private static final String SECRET = "Zx9secretValue0123456789";

    private final Path dir;

    KeysFileTest(@TempDir Path dir) {
        this.dir = dir;
    }

    @Test
    void readsWhatAddWrote() throws IOException {
        Path file = dir.resolve("keys");

        KeysFile.AccessKey first = KeysFile.add(file, "default", new SecureRandom());
        KeysFile.AccessKey second = KeysFile.add(file, "acme", new SecureRandom());

        assertThat(KeysFile.read(file)).containsExactly(first, second);
    }

    @Test
    void addMakesARandomTwentyCharacterIdAndFortyCharacterSecret() throws IOException {
        KeysFile.AccessKey key = KeysFile.add(dir.resolve("keys"), "default", new SecureRandom());

        assertThat(key.keyId()).matches("[A-Z0-9]{20}");
        assertThat(key.secret()).matches("[A-Za-z0-9]{40}");
        assertThat(key.account()).isEqualTo("default");
    }

    @Test
    void addKeepsCommentsAndCreatesTheFileOwnerReadableOnly() throws IOException {
        Path file = dir.resolve("keys");
        Files.write(file, List.of("# Landscape keys", "KEY1:" + SECRET + ":default"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        KeysFile.AccessKey key = KeysFile.add(file, "acme", new SecureRandom());

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "# Landscape keys", "KEY1:" + SECRET + ":default", key.keyId() + ":" + key.secret() + ":acme");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Path fresh = dir.resolve("fresh");
        KeysFile.add(fresh, "default", new SecureRandom());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rw-------");
    }

    @Test
    void tellsWhetherAFileIsReadableByOthers() throws IOException {
        Path file = Files.writeString(dir.resolve("keys"), "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        boolean ownerOnly = PrivateFiles.readableByOthers(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThat(ownerOnly).isFalse();
        assertThat(PrivateFiles.readableByOthers(file)).isTrue();
    }

    @Test
    void refusesALineWithTwoFieldsWithoutQuotingIt() throws IOException {
        Path file = Files.write(dir.resolve("keys"), List.of("", "KEY1:" + SECRET));

        assertThatThrownBy(() -> KeysFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 2: expected KEY_ID:SECRET:ACCOUNT (3 fields separated by ':'), found 2")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesALineWithFourFields() throws IOException {
        Path file = Files.write(dir.resolve("keys"), List.of("KEY1:" + SECRET + ":default:more"));

        assertThatThrownBy(() -> KeysFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 1: expected KEY_ID:SECRET:ACCOUNT (3 fields separated by ':'), found 4");
    }

    @Test
    void refusesASecretWithASpaceWithoutQuotingIt() throws IOException {
        Path file = Files.write(dir.resolve("keys"), List.of("KEY1:" + SECRET + " x:default"));

        assertThatThrownBy(() -> KeysFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 1: a secret is 1 to 256 printable ASCII characters other than ':' and space")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesABadKeyIdWithoutQuotingTheLine() throws IOException {
        Path file = Files.write(dir.resolve("keys"), List.of("KEY 1:" + SECRET + ":default"));

        assertThatThrownBy(() -> KeysFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 1: a key id is 1 to 128 of A-Z, a-z, 0-9, '.', '_', '-'")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesAnEmptyAccount() throws IOException {
        Path file = Files.write(dir.resolve("keys"), List.of("KEY1:" + SECRET + ":"));

        assertThatThrownBy(() -> KeysFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + " line 1: an account is 1 to 128 of")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesAKeyIdGivenTwice() throws IOException {
        Path file = Files.write(dir.resolve("keys"), List.of("KEY1:" + SECRET + ":a", "KEY1:other:b"));

        assertThatThrownBy(() -> KeysFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 2: key id KEY1 is given twice");
    }

    @Test
    void anAccessKeyNeverShowsItsSecret() {
        assertThat(new KeysFile.AccessKey("KEY1", SECRET, "default").toString())
                .isEqualTo("AccessKey[KEY1 for account default]");
    }
}
