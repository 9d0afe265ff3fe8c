package org.activity4j.agent;

import org.activity4j.agent.internal.AgentLogManager;
import org.activity4j.agent.internal.Cli;

/**
 * The runnable agent: {@code java -jar activity4j-agent-VERSION.jar --config agent.properties} serves the
 * temBoard and Landscape APIs as the file says, until {@code SIGTERM}, when requests in flight get {@code
 * shutdown.grace} to finish; {@code --help} lists the configuration keys, {@code add-user} and {@code add-key}
 * edit the users and keys files. The README's "Running the agent" describes every key.
 *
 * <pre>{@code
 * java -jar activity4j-agent/target/activity4j-agent-0.1.0-SNAPSHOT.jar --config agent.properties --listen.port=2346
 * }</pre>
 *
 * <p>Exit status: 0 when done, 1 when the agent cannot start, 2 for a usage or configuration error (the message
 * on stderr), 143 after {@code SIGTERM}.
 */
public final class AgentMain {
    private static final String LOG_MANAGER = "java.util.logging.manager";

    private AgentMain() {}

    /** Runs the command line {@code args}. */
    public static void main(String[] args) {
        if (System.getProperty(LOG_MANAGER) == null) {
            // Before anything logs: keeps the handlers open until the shutdown hook has logged the stop.
            System.setProperty(LOG_MANAGER, AgentLogManager.class.getName());
        }
        System.exit(Cli.run(args, Cli.Io.system()));
    }
}
