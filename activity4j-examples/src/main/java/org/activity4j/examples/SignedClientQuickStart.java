package org.activity4j.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.Backend;

/**
 * The README's quick start of the client of temBoard agents 8 to 10 (signed requests), as a program: {@code
 * SignedClientQuickStart <agent-uri> <user> <private-key.pem>} (an unencrypted PKCS#8 RSA key, {@code BEGIN PRIVATE
 * KEY}). An {@code https} agent's certificate must be trusted by the JDK's default trust store here.
 */
public final class SignedClientQuickStart {
    private SignedClientQuickStart() {}

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 3) {
            System.err.println("usage: SignedClientQuickStart AGENT_URI USER PRIVATE_KEY_PEM");
            System.exit(2);
        }
        String pem = Files.readString(Path.of(args[2]));
        byte[] der = Base64.getDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        try (TemboardSignedClient agent = TemboardSignedClient.builder(URI.create(args[0]))
                .signWith(args[1], privateKey) // java.security.PrivateKey, RSA
                .build()) {
            List<Backend> backends = agent.activity(); // backend and query start, exact blockers, OS figures
            System.out.println(backends.size() + " backends");
        }
    }
}
