package org.activity4j.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.activity4j.agent.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LandscapeUsersFileTest {
    private final Path dir;

    LandscapeUsersFileTest(@TempDir Path dir) {
        this.dir = dir;
    }

    @Test
    void readsWhatPutWroteAndPutReplacesAPersonKeepingTheOtherLines() throws IOException {
        Path file = dir.resolve("people");
        PasswordHash jane = PasswordHash.of("jane-pass");
        PasswordHash joe = PasswordHash.of("joe-pass");
        Files.write(file, List.of("# Landscape people", "jane@example.com:default:" + jane.encoded(), ""));

        assertThat(LandscapeUsersFile.put(file, "joe@example.com", "ops", joe)).isFalse();
        PasswordHash changed = PasswordHash.of("jane-new");
        assertThat(LandscapeUsersFile.put(file, "jane@example.com", "ops", changed))
                .isTrue();

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "# Landscape people",
                        "jane@example.com:ops:" + changed.encoded(),
                        "",
                        "joe@example.com:ops:" + joe.encoded());
        assertThat(LandscapeUsersFile.read(file))
                .containsExactly(
                        entry("jane@example.com", new LandscapeUsersFile.User("ops", changed)),
                        entry("joe@example.com", new LandscapeUsersFile.User("ops", joe)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jane@example.com",
                "jane@example.com:default",
                "no-at-sign:default:pbkdf2-sha256$1$AA$AA",
                "jane@example.com:bad account:pbkdf2-sha256$1$AA$AA",
                "jane@example.com:default:a clear password",
                "jane@example.com:default:pbkdf2-sha256$x$y$z"
            })
    void refusesABadLineNamingTheFileAndLineButNotQuotingIt(String line) throws IOException {
        Path file = Files.write(dir.resolve("people"), List.of("# people", line));

        assertThatThrownBy(() -> LandscapeUsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + " line 2: ")
                .hasMessageNotContaining("clear password");
    }

    @Test
    void refusesAPersonGivenTwice() throws IOException {
        String line = "jane@example.com:default:" + PasswordHash.of("pw").encoded();
        Path file = Files.write(dir.resolve("people"), List.of(line, line));

        assertThatThrownBy(() -> LandscapeUsersFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2: jane@example.com is given twice");
    }

    @Test
    void refusesToWriteAnEmailOrAccountTheFileCannotHold() {
        PasswordHash hash = PasswordHash.of("pw");
        Path file = dir.resolve("people");

        assertThatThrownBy(() -> LandscapeUsersFile.put(file, "a:b@example.com", "default", hash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a:b@example.com");
        assertThatThrownBy(() -> LandscapeUsersFile.put(file, "jane@example.com", "a:b", hash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a:b");
        assertThat(file).doesNotExist();
    }

    private static <K, V> java.util.Map.Entry<K, V> entry(K key, V value) {
        return java.util.Map.entry(key, value);
    }
}
