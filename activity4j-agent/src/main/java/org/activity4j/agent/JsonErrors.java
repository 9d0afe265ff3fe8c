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
 * other errors are, in JSON, never an HTML page or a stack trace: under Landscape's paths ({@code /api},
 * {@code /api/...}) {@code {"error": "<Code>", "message": "..."}}, elsewhere temBoard's {@code {"error":
 * "..."}}. Stateless.
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
        response.write(true, body(request, code, message), callback);
    }

    private static ByteBuffer body(Request request, int status, @Nullable String message) {
        String text = message == null || message.isBlank() ? "HTTP " + status : message;
        String json = isLandscape(request) ? LandscapePaths.body(status, text) : TemboardCodec.encodeError(text);
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLandscape(Request request) {
        try {
            String path = request.getHttpURI().getPath();
            return path != null && LandscapePaths.isLandscape(path);
        } catch (RuntimeException e) {
            // A request too malformed to have a path is nobody's; it gets temBoard's shape.
            return false;
        }
    }
}
