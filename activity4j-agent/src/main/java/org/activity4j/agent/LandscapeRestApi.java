package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activity4j.client.wire.LandscapeActivity;
import org.activity4j.client.wire.LandscapeActivityPage;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeRestCodec;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityException;
import org.activity4j.core.ActivityService;
import org.activity4j.core.WireFormatException;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QuerySyntaxException;

/**
 * Landscape's REST API, the part activity4j serves: {@code POST /api/v2/login/access-key}, {@code POST
 * /api/v2/login}, {@code GET /api/v2/activities?query=&limit=&offset=} ({@code {count, results, next,
 * previous}}) and {@code GET /api/v2/activities/<id>}, the reads with {@code Authorization: Bearer}. Each
 * activity carries {@code actions} ({@code approvable}: unapproved; {@code cancelable}: unapproved,
 * undelivered or scheduled; {@code reappliable}: false, the agent reapplies nothing) and {@code children} (the
 * activities whose {@code parent_id} it is, without their own children). {@code count} counts every activity
 * the query selects. Thread-safe.
 */
final class LandscapeRestApi {
    private static final Pattern ACTIVITY = Pattern.compile("/activities/([1-9][0-9]{0,18})");

    private final LandscapeAuth auth;

    LandscapeRestApi(LandscapeAuth auth) {
        this.auth = auth;
    }

    void handle(HttpExchange exchange) throws IOException {
        Exchanges.respond(exchange, this::answer, LandscapePaths.body(400, "malformed request body"));
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String route = path.substring(ReferenceAgent.LANDSCAPE_PATH.length() + "v2".length());
        String verb = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean login = route.equals("/login") || route.equals("/login/access-key");
        boolean read = route.equals("/activities") || ACTIVITY.matcher(route).matches();
        if (!login && !read) {
            return new Answer(404, LandscapePaths.body(404, "no such Landscape API endpoint: " + path));
        }
        String expected = login ? "POST" : "GET";
        if (!verb.equals(expected)) {
            return new Answer(
                    405,
                    LandscapePaths.body(405, "method " + verb + " is not allowed on " + path + "; use " + expected));
        }
        if (login) {
            Optional<String> body = Exchanges.body(exchange);
            if (body.isEmpty()) {
                return new Answer(
                        Exchanges.TOO_LARGE,
                        LandscapePaths.body(
                                413, "the request body is larger than " + Exchanges.MAX_BODY_BYTES + " bytes"));
            }
            String address = TemboardApi.clientAddress(exchange);
            return route.equals("/login")
                    ? auth.loginWithPassword(body.get(), address)
                    : auth.loginWithAccessKey(body.get(), address);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!LandscapeAuth.isBearer(authorization)) {
            return LandscapeAuth.error(
                    401,
                    LandscapeError.UNAUTHORISED,
                    "this endpoint needs Authorization: Bearer <token>; log in first");
        }
        LandscapeAuth.Checked checked = auth.bearer(Objects.requireNonNull(authorization));
        Answer refused = checked.refused();
        if (refused != null) {
            return refused;
        }
        ActivityService service = Objects.requireNonNull(checked.service());
        try {
            Matcher one = ACTIVITY.matcher(route);
            if (one.matches()) {
                OptionalLong id = activityId(one.group(1));
                if (id.isEmpty()) { // 19 digits above Long.MAX_VALUE: no activity has that id
                    return new Answer(
                            404, LandscapePaths.body(404, "no activity " + one.group(1) + " in this account"));
                }
                return activity(service, id.getAsLong());
            }
            String query = exchange.getRequestURI().getRawQuery();
            Map<String, String> params = LandscapeParams.decode(query == null ? "" : query);
            return page(service, params, exchange);
        } catch (WireFormatException e) {
            return LandscapeAuth.error(400, "InvalidParameter", String.valueOf(e.getMessage()));
        } catch (QuerySyntaxException e) {
            return LandscapeAuth.error(400, LandscapeError.INVALID_QUERY, String.valueOf(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return LandscapeAuth.error(400, "InvalidParameter", String.valueOf(e.getMessage()));
        } catch (ActivityException e) {
            return LandscapeAuth.error(500, "InternalServerError", "the activity service failed: " + e.getMessage());
        }
    }

    /** The id of an {@code /activities/<id>} path, empty when it exceeds {@link Long#MAX_VALUE}. */
    static OptionalLong activityId(String digits) {
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Answer activity(ActivityService service, long id) {
        List<Activity> found = service.getActivities(QueryCriteria.id(id), 1, 0);
        if (found.isEmpty()) {
            return new Answer(404, LandscapePaths.body(404, "no activity " + id + " in this account"));
        }
        return Answer.ok(
                LandscapeRestCodec.encodeActivity(withChildren(service, found).get(0)));
    }

    private static Answer page(ActivityService service, Map<String, String> params, HttpExchange exchange) {
        QueryCriteria query = LandscapeApi.query(params);
        int limit = LandscapeApi.number(params, "limit", ActivityService.DEFAULT_LIMIT);
        int offset = LandscapeApi.number(params, "offset", 0);
        List<Activity> results = service.getActivities(query, limit, offset);
        long count = count(service, query);
        Optional<URI> next = offset + results.size() < count && limit > 0
                ? Optional.of(link(exchange, params, limit, offset + limit))
                : Optional.empty();
        Optional<URI> previous =
                offset > 0 ? Optional.of(link(exchange, params, limit, Math.max(0, offset - limit))) : Optional.empty();
        return Answer.ok(LandscapeRestCodec.encodePage(
                new LandscapeActivityPage(count, withChildren(service, results), next, previous)));
    }

    /** Every activity the query selects, counted a page of {@link ActivityService#MAX_LIMIT} at a time. */
    private static long count(ActivityService service, QueryCriteria query) {
        long count = 0;
        for (int offset = 0; ; offset += ActivityService.MAX_LIMIT) {
            int n = service.getActivities(query, ActivityService.MAX_LIMIT, offset)
                    .size();
            count += n;
            if (n < ActivityService.MAX_LIMIT) {
                return count;
            }
        }
    }

    /** The activities with their flags and children, the children of a page read with one query per 10,000. */
    private static List<LandscapeActivity> withChildren(ActivityService service, List<Activity> activities) {
        Map<Long, List<Activity>> children = new HashMap<>();
        if (!activities.isEmpty()) {
            QueryCriteria q = QueryCriteria.anyOf(
                    activities.stream().map(a -> QueryCriteria.parentId(a.id())).toList());
            for (int offset = 0; ; offset += ActivityService.MAX_LIMIT) {
                List<Activity> chunk = service.getActivities(q, ActivityService.MAX_LIMIT, offset);
                for (Activity child : chunk) {
                    children.computeIfAbsent(child.parentId().orElseThrow(), k -> new ArrayList<>())
                            .add(child);
                }
                if (chunk.size() < ActivityService.MAX_LIMIT) {
                    break;
                }
            }
        }
        List<LandscapeActivity> out = new ArrayList<>(activities.size());
        for (Activity a : activities) {
            boolean approvable = a.status() == ActivityStatus.UNAPPROVED;
            boolean cancelable =
                    approvable || a.status() == ActivityStatus.UNDELIVERED || a.status() == ActivityStatus.SCHEDULED;
            out.add(new LandscapeActivity(
                    a,
                    Optional.of(new LandscapeActivity.Actions(approvable, cancelable, Optional.of(false))),
                    Optional.of(children.getOrDefault(a.id(), List.of()))));
        }
        return out;
    }

    private static URI link(HttpExchange exchange, Map<String, String> params, int limit, int offset) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("limit", Integer.toString(limit));
        p.put("offset", Integer.toString(offset));
        String host = exchange.getRequestHeaders().getFirst("Host");
        String scheme = exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https" : "http";
        return URI.create(scheme + "://" + (host == null ? "localhost" : host)
                + exchange.getRequestURI().getRawPath() + "?" + LandscapeParams.encode(p));
    }
}
