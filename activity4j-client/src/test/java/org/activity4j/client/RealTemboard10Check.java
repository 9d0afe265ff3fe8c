package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.activity4j.core.Backend;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.RemoteAuthenticationException;
import org.activity4j.core.SignalResult;
import org.activity4j.core.UnsupportedRemoteOperationException;
import org.junit.jupiter.api.Test;

/**
 * {@link TemboardSignedClient} against a real temBoard agent 10.0 that {@code .ci/real-temboard10} starts with a
 * lock conflict (a blocker idle in transaction, a row waiter, a table waiter, a never-queried session). Not a
 * {@code *Test}: the build does not run it; the script runs it by name with the agent's address and keys in
 * {@code TEMBOARD10_*} variables.
 */
class RealTemboard10Check {
    private static String env(String name) {
        return Objects.requireNonNull(System.getenv(name), name + " is not set: run .ci/real-temboard10");
    }

    private static PrivateKey key(String variable) throws Exception {
        String pem = Files.readString(Path.of(env(variable)));
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static SSLContext trustingTheAgent() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(env("TEMBOARD10_CERT")))) {
            store.setCertificateEntry(
                    "agent", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    private static TemboardSignedClient client(String keyVariable) throws Exception {
        return TemboardSignedClient.builder(URI.create(env("TEMBOARD10_URL")))
                .signWith("alice", key(keyVariable))
                .sslContext(trustingTheAgent())
                .build();
    }

    private static Backend named(List<Backend> backends, String application) {
        return backends.stream()
                .filter(b -> b.applicationName().equals(java.util.Optional.of(application)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + application + " in " + backends));
    }

    @Test
    void readsTheConflictAsTheInspectorWould() throws Exception {
        try (TemboardSignedClient agent = client("TEMBOARD10_KEY")) {
            List<Backend> first = agent.activity();
            Backend blocker = named(first, "blocker");
            Backend row = named(first, "waiter_row");
            Backend table = named(first, "waiter_table");
            Backend fresh = named(first, "never_queried");

            assertThat(first).extracting(Backend::pid).doesNotHaveDuplicates();
            assertThat(first.get(first.size() - 1).queryStart()).isEmpty();
            assertThat(blocker.state()).contains("idle in transaction");
            assertThat(blocker.backendStart()).isPresent();
            assertThat(blocker.queryStart()).isPresent();
            assertThat(row.waitingOnLock()).isTrue();
            assertThat(row.blockedBy()).containsExactly(blocker.pid());
            assertThat(table.blockedBy()).contains(blocker.pid(), row.pid());
            assertThat(fresh.query()).isEmpty();
            assertThat(fresh.duration()).isEmpty();
            assertThat(blocker.processStats().cpuPercent()).isEmpty(); // first sample: no rate yet
            assertThat(blocker.processStats().memoryPercent()).isPresent();
            assertThat(blocker.backendType()).isEmpty();

            Backend again = named(agent.activity(), "blocker");
            assertThat(again.processStats().cpuPercent()).isPresent();
            assertThat(again.processStats().readBytesPerSecond()).isPresent();

            List<LockWait> waits = agent.waiting();
            LockWait rowWait = waits.stream()
                    .filter(w -> w.backend().pid() == row.pid())
                    .findFirst()
                    .orElseThrow();
            assertThat(rowWait.lock().type()).isEqualTo("transactionid");
            assertThat(rowWait.lock().mode()).isEqualTo("ShareLock");
            assertThat(rowWait.blockedBy()).containsExactly(blocker.pid());
            assertThat(rowWait.lock().waitStart()).isPresent();

            List<LockHolder> holders = agent.blocking();
            assertThat(holders)
                    .filteredOn(h -> h.blocker().pid().getAsInt() == blocker.pid())
                    .extracting(h -> h.lock().type())
                    .containsExactlyInAnyOrder("transactionid", "relation");
            assertThat(holders).allSatisfy(h -> assertThat(h.blocking()).doesNotHaveDuplicates());

            List<LockTreeNode> roots = agent.lockTree();
            assertThat(roots).extracting(n -> n.blocker().pid().orElse(-1)).contains(blocker.pid());

            assertThatThrownBy(() -> agent.cancel(List.of(table.pid())))
                    .isInstanceOf(UnsupportedRemoteOperationException.class);
            List<SignalResult> killed = agent.terminate(List.of(table.pid(), 4_194_305));
            assertThat(killed).extracting(SignalResult::signalled).containsExactly(true, false);
        }
    }

    @Test
    void aKeyTheAgentDoesNotTrustIsRefused() throws Exception {
        try (TemboardSignedClient stranger = client("TEMBOARD10_OTHER_KEY")) {
            assertThatThrownBy(stranger::activity)
                    .isInstanceOf(RemoteAuthenticationException.class)
                    .satisfies(e -> assertThat(((RemoteAuthenticationException) e).httpStatus())
                            .isEqualTo(403))
                    .hasMessageContaining("Invalid signature");
        }
    }
}
