package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsersTest {
    private final Users users = new Users();

    @Test
    void onlyTheRightPasswordOfAKnownUserPasses() {
        users.add("alice", PasswordHash.of("s3cret-pass"));

        assertThat(users.check("alice", "s3cret-pass")).isTrue();
        assertThat(users.check("alice", "s3cret-pasS")).isFalse();
        assertThat(users.check("bob12", "s3cret-pass")).isFalse();
        assertThat(users.check("bob12", "not a password")).isFalse();
    }
}
