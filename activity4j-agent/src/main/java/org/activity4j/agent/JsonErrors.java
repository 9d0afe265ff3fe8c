package org.activity4j.agent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.activity4j.client.wire.TemboardCodec;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Errors Jetty answers itself (a header too large, a malformed request, a header timeout) as the agent's
 * other errors are: {@code {"error": "..."}} in JSON, never an HTML page or a stack trace. Stateless.
 */
final class JsonErrors extends ErrorHandler {

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            @Nullable String message,
            @Nullable Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, body(code, message), callback);
    }

    private static ByteBuffer body(int status, @Nullable String message) {
        String text = message == null || message.isBlank() ? "HTTP " + status : message;
        return ByteBuffer.wrap(TemboardCodec.encodeError(text).getBytes(StandardCharsets.UTF_8));
    }
}
