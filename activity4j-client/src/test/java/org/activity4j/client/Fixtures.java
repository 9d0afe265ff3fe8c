package org.activity4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The recorded responses of a real temBoard agent 7.11, as test resources. */
public final class Fixtures {
    private static final String DIR = "/org/activity4j/client/fixtures/temboard-agent-7.11/";

    private Fixtures() {}

    /** The whole recorded response, head and body, as bytes. */
    public static byte[] raw(String name) {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream(DIR + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body: what follows the first empty line. */
    public static String body(String name) {
        String all = new String(raw(name), StandardCharsets.UTF_8);
        int crlf = all.indexOf("\r\n\r\n");
        int lf = all.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return all.substring(crlf + 4);
        }
        return lf < 0 ? "" : all.substring(lf + 2);
    }

    /** The status code of the recorded status line. */
    public static int status(String name) {
        String all = new String(raw(name), StandardCharsets.UTF_8);
        return Integer.parseInt(all.substring(all.indexOf(' ') + 1, all.indexOf(' ') + 4));
    }
}
