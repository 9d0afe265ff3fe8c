package org.activity4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The recorded responses of a real temBoard agent 7.11, as test resources. */
public final class Fixtures {
    private static final String DIR = "/org/activity4j/client/fixtures/temboard-agent-7.11/";

    /** The first example of the Landscape documentation, verbatim. */
    public static final String LANDSCAPE_CHANGE_PACKAGES =
            "[{\"id\": 86, \"delivery_time\": \"2012-03-06T18:52:09Z\", \"computer_id\": 4,"
                    + " \"activity_status\": \"succeeded\", \"result_text\": \"Installed!\", \"creator\": {\"email\":"
                    + " \"jane@example.com\", \"name\": \"Jane Doe\", \"id\": 5}, \"creation_time\": \"2012-03-06T18:52:09Z\","
                    + " \"package_ids\": [36, 1127], \"completion_time\": \"2012-03-06T18:52:09Z\", \"modification_time\":"
                    + " \"2012-03-06T18:52:09Z\", \"parent_id\": 85, \"deliver_after_time\": null, \"approval_time\": null,"
                    + " \"summary\": \"Install packages python-twisted-conch and python...\", \"changes\": [{\"package\":"
                    + " \"python-twisted-conch\", \"type\": \"install\", \"version\": \"1:0.8.0-1\", \"complemented\": false},"
                    + " {\"package\": \"python-twisted-mail\", \"type\": \"install\", \"version\": \"0.4.0-1\", \"complemented\":"
                    + " false}], \"type\": \"ChangePackagesRequest\"}]";

    /** The second example: a pocket sync with progress, without status or modification time. */
    public static final String LANDSCAPE_SYNC_POCKET =
            "[{\"id\": 73, \"creator\": {\"email\": \"jane@example.com\", \"name\": \"Jane Doe\","
                    + " \"id\": 5}, \"creation_time\": \"2012-03-06T22:11:52Z\", \"pocket_id\": 1, \"computer_id\": null,"
                    + " \"summary\": \"Sync pocket 'release' of series 'lucid' in distribution 'ubuntu'\", \"parent_id\": null,"
                    + " \"pocket_name\": \"release\", \"progress\": 37, \"type\": \"SyncPocketRequest\"}]";

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
