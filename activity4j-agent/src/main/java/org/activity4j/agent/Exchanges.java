package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.activity4j.client.wire.TemboardCodec;
import org.jspecify.annotations.Nullable;

/** Reading bodies and writing JSON answers of one exchange. Stateless. */
final class Exchanges {
    /** The largest request body the agent reads. */
    static final int MAX_BODY_BYTES = ReferenceAgent.MAX_REQUEST_BODY_BYTES;

    /** The status of an answer to a request whose body cannot be read. */
    static final int BAD_REQUEST = 400;

    /** The status of an answer to a body larger than {@link #MAX_BODY_BYTES}. */
    static final int TOO_LARGE = 413;

    private Exchanges() {}

    /**
     * The request body as UTF-8; empty when it is longer than {@link #MAX_BODY_BYTES}. A declared {@code
     * Content-Length} over the limit is refused before a byte of the body is read; a body without one
     * ({@code chunked}) is read up to one byte over the limit, never further.
     */
    static Optional<String> body(HttpExchange exchange) throws IOException {
        return bodyBytes(exchange).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The request body as sent, within the same limit as {@link #body}. */
    static Optional<byte[]> bodyBytes(HttpExchange exchange) throws IOException {
        if (declaredLength(exchange.getRequestHeaders().getFirst("Content-Length")) > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                return Optional.empty();
            }
            return Optional.of(bytes);
        }
    }

    /** The declared length, or -1 when there is none or it is not a number (the server refuses those). */
    private static long declaredLength(@Nullable String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Answers {@code status} with the JSON {@code body}, {@code Content-type: application/json}. A {@link
     * #TOO_LARGE} answer also says {@code Connection: close}: the body it refused was not read, so the
     * connection cannot carry another request.
     */
    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if (status == TOO_LARGE) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Sends what {@code api} answers to the exchange with {@link #json}, and closes the exchange whatever
     * happens, also when the answer cannot be computed or sent.
     */
    static void respond(HttpExchange exchange, Api api) throws IOException {
        respond(exchange, api, TemboardCodec.encodeError("Malformed request body."));
    }

    /**
     * As {@link #respond(HttpExchange, Api)}, with the body of the {@link #BAD_REQUEST} answer to a request
     * whose body cannot be read in the API's own error shape.
     */
    static void respond(HttpExchange exchange, Api api, String malformedBody) throws IOException {
        try {
            Answer answer;
            try {
                answer = api.answer(exchange);
            } catch (IOException e) {
                // The request could not be read to its end: a malformed body (a bad chunk size, a body
                // shorter than declared) or a client gone. Nothing after it on the connection can be
                // trusted, so the answer closes it.
                exchange.getResponseHeaders().set("Connection", "close");
                json(exchange, BAD_REQUEST, malformedBody);
                return;
            }
            json(exchange, answer.status(), answer.body());
        } finally {
            exchange.close();
        }
    }

    /** What an API answers to one exchange. */
    @FunctionalInterface
    interface Api {
        Answer answer(HttpExchange exchange) throws IOException;
    }
}
