package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.List;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.junit.jupiter.api.Test;

/**
 * {@link TemboardSignedClient#withoutProcessStats()} against the bodies recorded from a real temBoard agent 10.0.0,
 * served on 127.0.0.1: the same backends without {@code GET /activity}, figures unknown, the client's counters
 * untouched.
 */
class TemboardSignedWithoutFiguresTest {

    private static byte[] recorded(RawHttpStub.Request r) {
        String path = r.path();
        Recorded10.Exchange e;
        if (path.startsWith("/activity/sessions?")) {
            e = Recorded10.exchange("sessions_locks.txt", "GET /activity/sessions");
        } else if (path.startsWith("/activity/locks?")) {
            e = Recorded10.exchange("locks.txt", "GET /activity/locks");
        } else if (path.startsWith("/activity?")) {
            e = Recorded10.exchange("activity.txt", "GET /activity");
        } else if (path.startsWith("/activity/waiting?")) {
            e = Recorded10.exchange("activity.txt", "GET /activity/waiting");
        } else if (path.startsWith("/activity/blocking?")) {
            e = Recorded10.exchange("activity.txt", "GET /activity/blocking");
        } else {
            return RawHttpStub.agentResponse(404, "Not Found", "{\"error\": \"Not found\"}");
        }
        return RawHttpStub.agentResponse(e.status(), "OK", e.body());
    }

    private static TemboardSignedClient client(RawHttpStub agent) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return TemboardSignedClient.builder(agent.uri())
                .signWith("alice", g.generateKeyPair().getPrivate())
                .build();
    }

    private static List<String> paths(RawHttpStub agent) {
        return agent.requests().stream().map(RawHttpStub.Request::path).toList();
    }

    @Test
    void theViewAsksNoActivityRouteAndGivesTheSameBackendsWithoutFigures() throws Exception {
        try (RawHttpStub agent = new RawHttpStub(TemboardSignedWithoutFiguresTest::recorded);
                TemboardSignedClient client = client(agent)) {
            BackendInspector plain = client.withoutProcessStats();

            List<Backend> withoutFigures = plain.activity();

            assertThat(paths(agent)).containsExactly("/activity/sessions?limit=300", "/activity/locks?limit=300");
            assertThat(withoutFigures).extracting(Backend::pid).containsExactly(7283, 7288, 7291, 7284);
            assertThat(withoutFigures)
                    .allSatisfy(b -> assertThat(b.processStats().isKnown())
                            .as("figures of %s", b.pid())
                            .isFalse());
            assertThat(withoutFigures.get(2).blockedBy()).containsExactly(7283, 7288);
            assertThat(withoutFigures.get(2).applicationName()).contains("waiter_table");

            List<Backend> withFigures = client.activity();

            assertThat(paths(agent).subList(2, paths(agent).size()))
                    .containsExactly(
                            "/activity/sessions?limit=300", "/activity?limit=300", "/activity/locks?limit=300");
            // The client's first sample: the view did not feed its counters, so no rate yet; the I/O wait of the
            // sessions' process state is a figure the view left out.
            Backend waiter = withFigures.get(2);
            assertThat(waiter.processStats().cpuPercent()).isEmpty();
            assertThat(waiter.processStats().ioWait()).contains(false);
            assertThat(withFigures)
                    .extracting(Backend::pid, Backend::blockedBy, Backend::queryStart, Backend::state)
                    .containsExactlyElementsOf(withoutFigures.stream()
                            .map(b -> org.assertj.core.groups.Tuple.tuple(
                                    b.pid(), b.blockedBy(), b.queryStart(), b.state()))
                            .toList());
        }
    }

    @Test
    void theViewLeavesOutTheFiguresOfTheLockRowsAndAsksWhatTheClientAsks() throws Exception {
        try (RawHttpStub agent = new RawHttpStub(TemboardSignedWithoutFiguresTest::recorded);
                TemboardSignedClient client = client(agent)) {
            BackendInspector plain = client.withoutProcessStats();
            List<LockWait> waitsWithFigures = client.waiting();
            List<LockHolder> holdersWithFigures = client.blocking();
            List<LockTreeNode> treeWithFigures = client.lockTree();
            assertThat(Figures.of(waitsWithFigures)).anyMatch(Figures::known);
            assertThat(Figures.ofHolders(holdersWithFigures)).anyMatch(Figures::known);
            int asked = agent.requests().size();

            List<LockWait> waits = plain.waiting();
            List<LockHolder> holders = plain.blocking();
            List<LockTreeNode> tree = plain.lockTree();

            assertThat(agent.requests()).hasSize(2 * asked);
            assertThat(Figures.of(waits)).noneMatch(Figures::known);
            assertThat(Figures.ofHolders(holders)).noneMatch(Figures::known);
            assertThat(Figures.ofTree(tree)).isNotEmpty().noneMatch(Figures::known);
            assertThat(waits)
                    .extracting(w -> w.backend().pid(), LockWait::blockedBy, LockWait::lock)
                    .containsExactlyElementsOf(waitsWithFigures.stream()
                            .map(w -> org.assertj.core.groups.Tuple.tuple(
                                    w.backend().pid(), w.blockedBy(), w.lock()))
                            .toList());
            assertThat(holders)
                    .extracting(h -> h.blocker().id(), LockHolder::lock, LockHolder::kind, LockHolder::blocking)
                    .containsExactlyElementsOf(holdersWithFigures.stream()
                            .map(h -> org.assertj.core.groups.Tuple.tuple(
                                    h.blocker().id(), h.lock(), h.kind(), h.blocking()))
                            .toList());
            assertThat(Figures.ofTree(tree))
                    .extracting(Backend::pid)
                    .containsExactlyElementsOf(Figures.ofTree(treeWithFigures).stream()
                            .map(Backend::pid)
                            .toList());
        }
    }

    @Test
    void theViewIsOneAndItsOwnViewAndClosesWithTheClient() throws Exception {
        try (RawHttpStub agent = new RawHttpStub(TemboardSignedWithoutFiguresTest::recorded)) {
            TemboardSignedClient client = client(agent);
            BackendInspector plain = client.withoutProcessStats();

            assertThat(client.withoutProcessStats()).isSameAs(plain);
            assertThat(plain.withoutProcessStats()).isSameAs(plain);
            assertThat(plain).hasToString(client + ".withoutProcessStats()");

            client.close();

            assertThatThrownBy(plain::activity)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            assertThat(agent.requests()).isEmpty();
        }
    }
}
