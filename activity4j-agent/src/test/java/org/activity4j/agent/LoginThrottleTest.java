package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.activity4j.testkit.TestClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(clock, Duration.ofMinutes(15));

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresInARowCostNothingMore() {
        fail(5, "alice", "10.0.0.1");

        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isFalse();
    }

    @Test
    void eachFurtherFailureLocksOutForTwiceAsLong() {
        fail(6, "alice", "10.0.0.1");
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isFalse();

        throttle.failed("alice", "10.0.0.1");
        clock.advance(Duration.ofMillis(1999));
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isFalse();
    }

    @Test
    void aUserNameIsLockedFromEveryAddressAndAnAddressForEveryName() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }
        for (int i = 0; i < 6; i++) {
            throttle.failed("user" + i, "192.168.0.9");
        }

        assertThat(throttle.lockedOut("alice", "10.9.9.9")).isTrue();
        assertThat(throttle.lockedOut("bob12", "192.168.0.9")).isTrue();
        assertThat(throttle.lockedOut("bob12", "10.9.9.9")).isFalse();
    }

    @Test
    void noLockoutLastsLongerThanTheMaximum() {
        fail(60, "alice", "10.0.0.1");
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isTrue();

        clock.advance(Duration.ofMinutes(15));

        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isFalse();
    }

    @Test
    void aSuccessClearsTheCountAndOldCountsAreForgotten() {
        fail(5, "alice", "10.0.0.1");
        throttle.succeeded("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).isFalse();

        fail(3, "bob12", "10.0.0.2");
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("carol", "10.0.0.3");
        throttle.forgetOld();

        assertThat(throttle.tracked()).isEqualTo(2); // carol and 10.0.0.3; the counts of 16 minutes ago are gone
    }

    @Test
    void throughTheAgentALockedOutLoginIsAnsweredAsAWrongPasswordEvenWithTheRightOne() throws Exception {
        try (ReferenceAgent agent = ReferenceAgent.builder()
                .clock(clock)
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .start()) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 6; i++) {
                assertThat(login(http, agent.uri(), "wrong-pass").statusCode()).isEqualTo(404);
            }

            HttpResponse<String> locked = login(http, agent.uri(), "s3cret-pass");
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> after = login(http, agent.uri(), "s3cret-pass");

            assertThat(locked.statusCode()).isEqualTo(404);
            assertThat(locked.body()).contains("Invalid username/password.");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).contains("\"session\"");
        }
    }

    private static HttpResponse<String> login(HttpClient http, URI agent, String password)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(agent.resolve("/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"alice\", \"password\": \"" + password + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
