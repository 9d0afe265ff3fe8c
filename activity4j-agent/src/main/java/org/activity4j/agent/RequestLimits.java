package org.activity4j.agent;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The limits Jetty checks nowhere else, before a request reaches the agent's routes: its connection's
 * header deadline ({@link HeaderDeadlines}) and the number of header fields ({@code 431} over {@code
 * maxHeaderCount}; Jetty itself answers {@code 431} to a header over its size limit). Thread-safe.
 */
final class RequestLimits extends Handler.Wrapper {
    private final HeaderDeadlines deadlines;
    private final int maxHeaderCount;

    RequestLimits(HeaderDeadlines deadlines, int maxHeaderCount, Handler next) {
        super(next);
        this.deadlines = deadlines;
        this.maxHeaderCount = maxHeaderCount;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (!deadlines.begin(connection)) {
            // Answered 408 already; the connection is closing.
            callback.failed(new TimeoutException("request header not complete within the header timeout"));
            return true;
        }
        Callback done = new Callback() {
            @Override
            public void succeeded() {
                deadlines.end(connection);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        int count = request.getHeaders().size();
        if (count > maxHeaderCount) {
            Response.writeError(
                    request,
                    response,
                    done,
                    431,
                    "Request Header Fields Too Large: " + count + " fields, at most " + maxHeaderCount);
            return true;
        }
        return super.handle(request, response, done);
    }
}
