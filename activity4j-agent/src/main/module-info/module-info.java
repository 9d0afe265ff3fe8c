/**
 * The reference agent: serves temBoard's and Landscape's APIs over any {@code BackendInspector} and
 * {@code ActivityService}. Exports {@code org.activity4j.agent} only; the runnable agent's configuration
 * and command line stay in a closed internal package.
 *
 * <p>HikariCP and activity4j-procstats are needed only by the runnable agent ({@code AgentMain}); a service
 * that embeds {@code ReferenceAgent} does without them.
 */
module org.activity4j.agent {
    requires transitive org.activity4j.core;
    requires org.activity4j.client;
    requires jdk.httpserver;
    requires java.logging;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http.spi;
    requires static com.zaxxer.hikari;
    requires static org.activity4j.procstats;
    requires static transitive org.jspecify;

    exports org.activity4j.agent;
}
