package org.activity4j.examples;

import java.net.URI;
import java.util.List;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.ActivityService;
import org.activity4j.core.Backend;
import org.activity4j.query.QueryCriteria;

/**
 * The README's quick start of the HTTP clients (activity4j-client), as a program:
 * {@code ClientQuickStart <temboard-agent-uri> <user> <password> <landscape-api-uri> <key-id> <secret>}.
 */
public final class ClientQuickStart {
    private ClientQuickStart() {}

    public static void main(String[] args) {
        if (args.length != 6) {
            System.err.println("usage: ClientQuickStart AGENT_URI USER PASSWORD LANDSCAPE_URI KEY_ID SECRET");
            System.exit(2);
        }
        try (TemboardAgentClient agent = TemboardAgentClient.builder(URI.create(args[0]))
                .credentials(args[1], args[2])
                .build()) {
            List<Backend> backends = agent.activity(); // the same BackendInspector as in-process
            System.out.println(backends.size() + " backends");
        }

        try (LandscapeClient landscape = LandscapeClient.builder(URI.create(args[3]))
                .accessKey(args[4], args[5])
                .build()) {
            ActivityService service = landscape; // the same ActivityService as in-process
            System.out.println(service.getActivities(QueryCriteria.parse("status:failed"), 20, 0));
        }
    }
}
