package org.activity4j.agent;

/**
 * What one of the agent's APIs answers to a request: the HTTP status and the JSON body, sent by {@link
 * Exchanges#respond}. Each API makes its error answers with its own wire format's error body.
 *
 * <pre>{@code
 * Answer.ok(TemboardCodec.encodeProfile("alice"));
 * new Answer(404, TemboardCodec.encodeError("URL not found."));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
record Answer(int status, String body) {
    /** A {@code 200 OK} answer with {@code body}. */
    static Answer ok(String body) {
        return new Answer(200, body);
    }
}
