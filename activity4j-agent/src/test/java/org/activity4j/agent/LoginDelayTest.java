package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.RemoteAuthenticationException;
import org.junit.jupiter.api.Test;

/**
 * The reference agent waits its login delay on every login, good or bad, and nowhere else. The waits are
 * recorded through the agent's {@link Sleeper} rather than timed, except for one lower bound with the real
 * sleeper (a lower bound cannot fail on a slow machine).
 */
class LoginDelayTest {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    private ReferenceAgent agent(Duration delay) {
        return ReferenceAgent.builder()
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .loginDelay(delay)
                .sleeper(waits::add)
                .start();
    }

    private static TemboardAgentClient client(URI uri, String password) {
        return TemboardAgentClient.builder(uri).credentials("alice", password).build();
    }

    @Test
    void everyLoginWaitsTheDelayAndNothingElseDoes() {
        try (ReferenceAgent agent = agent(Duration.ofSeconds(1));
                TemboardAgentClient good = client(agent.uri(), "s3cret-pass");
                TemboardAgentClient bad = client(agent.uri(), "wrong-pass")) {
            good.activity();
            good.waiting();
            good.profile();
            assertThat(waits).containsExactly(Duration.ofSeconds(1));

            assertThatThrownBy(bad::activity).isInstanceOf(RemoteAuthenticationException.class);

            assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    @Test
    void noDelayByDefault() {
        try (ReferenceAgent agent = ReferenceAgent.builder()
                        .backendInspector(new FakeInspector())
                        .user("alice", "s3cret-pass")
                        .sleeper(waits::add)
                        .start();
                TemboardAgentClient client = client(agent.uri(), "s3cret-pass")) {
            client.activity();

            assertThat(waits).isEmpty();
        }
    }

    @Test
    void theRealSleeperHoldsTheLoginAnswerBackAtLeastTheDelay() {
        Duration delay = Duration.ofMillis(300);
        try (ReferenceAgent agent = ReferenceAgent.builder()
                        .backendInspector(new FakeInspector())
                        .user("alice", "s3cret-pass")
                        .loginDelay(delay)
                        .start();
                TemboardAgentClient client = client(agent.uri(), "s3cret-pass")) {
            long start = System.nanoTime();
            client.profile();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(elapsed).isGreaterThanOrEqualTo(delay);
        }
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> ReferenceAgent.builder().loginDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loginDelay");
    }
}
