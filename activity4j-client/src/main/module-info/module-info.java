/**
 * HTTP clients for temBoard's and Landscape's APIs, and their wire codecs: exports the clients and the
 * codecs; the transport stays in a closed internal package.
 */
module org.activity4j.client {
    requires transitive org.activity4j.core;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.core;
    requires static transitive org.jspecify;

    exports org.activity4j.client;
    exports org.activity4j.client.wire;
    // For the agent only (no compatibility promise): the ISO instants its answers share with the codecs.
    exports org.activity4j.client.internal to
            org.activity4j.agent;
}
