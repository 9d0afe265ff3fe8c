package org.activity4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The exchanges recorded from a real temBoard agent 10.0.0 ({@code ### METHOD path} sections). */
public final class Recorded10 {
    private static final String DIR = "/org/activity4j/client/fixtures/temboard-agent-10.0/";

    /** One exchange: the status and the body. */
    public record Exchange(int status, String body) {}

    private Recorded10() {}

    /** The exchange whose {@code ###} line is exactly {@code title} in {@code file}. */
    public static Exchange exchange(String file, String title) {
        String all;
        try (InputStream in = Objects.requireNonNull(Recorded10.class.getResourceAsStream(DIR + file), file)) {
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String marker = "### " + title + "\n";
        int start = all.indexOf(marker);
        if (start < 0) {
            throw new IllegalArgumentException("no exchange '" + title + "' in " + file);
        }
        int head = start + marker.length();
        int bodyStart = all.indexOf('\n', head) + 1;
        int end = all.indexOf("\n### ", bodyStart);
        String status = all.substring(head, bodyStart - 1);
        return new Exchange(
                Integer.parseInt(status.substring(5, 8)), all.substring(bodyStart, end < 0 ? all.length() : end));
    }
}
