package org.activity4j.client.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.activity4j.client.internal.Json;
import org.activity4j.client.internal.WireObject;
import org.activity4j.core.Activity;
import org.activity4j.core.JsonValue;
import org.activity4j.core.WireFormatException;

/**
 * JSON bodies of Landscape's REST activities ({@code GET /api/v2/activities}, {@code GET
 * /api/v2/activities/<id>}): the legacy activity's fields ({@link LandscapeCodec}) plus {@code actions} and
 * {@code children}, and the page envelope {@code {"count", "results", "next", "previous"}}. Every decoder
 * throws nothing but {@link WireFormatException}.
 *
 * <pre>{@code
 * LandscapeActivityPage page = LandscapeRestCodec.decodePage(body);
 * String json = LandscapeRestCodec.encodeActivity(page.results().get(0));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LandscapeRestCodec {
    private static final Set<String> REST_KEYS = Set.of("actions", "children");

    private LandscapeRestCodec() {}

    /** A page. */
    public static LandscapeActivityPage decodePage(String json) {
        WireObject o = WireObject.of("$", Json.parse(json));
        long count = o.requireLong("count");
        if (count < 0) {
            throw WireFormatException.badValue(o.field("count"), Long.toString(count), "a count is 0 or more");
        }
        List<LandscapeActivity> results =
                WireObject.mapArray(o.field("results"), o.get("results"), LandscapeRestCodec::activity);
        return new LandscapeActivityPage(count, results, link(o, "next"), link(o, "previous"));
    }

    /** One activity, as {@code GET /api/v2/activities/<id>} answers. */
    public static LandscapeActivity decodeActivity(String json) {
        return activity("$", Json.parse(json));
    }

    /** A page body. */
    public static String encodePage(LandscapeActivityPage page) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeNumberField("count", page.count());
            g.writeArrayFieldStart("results");
            for (LandscapeActivity a : page.results()) {
                write(g, a);
            }
            g.writeEndArray();
            writeLink(g, "next", page.next());
            writeLink(g, "previous", page.previous());
            g.writeEndObject();
        });
    }

    /** One activity's body. */
    public static String encodeActivity(LandscapeActivity activity) {
        return Json.write(g -> write(g, activity));
    }

    private static LandscapeActivity activity(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        Optional<LandscapeActivity.Actions> actions = o.optional("actions").map(v -> {
            WireObject a = WireObject.of(o.field("actions"), v);
            return new LandscapeActivity.Actions(
                    a.requireBoolean("approvable"),
                    a.requireBoolean("cancelable"),
                    a.optional("reappliable").map(r -> a.requireBoolean("reappliable")));
        });
        Optional<List<Activity>> children =
                o.optional("children").map(v -> WireObject.mapArray(o.field("children"), v, LandscapeCodec::activity));
        Map<String, JsonValue> legacy = new LinkedHashMap<>(((JsonValue.JsonObject) value).members());
        legacy.keySet().removeAll(REST_KEYS);
        return new LandscapeActivity(
                LandscapeCodec.activity(path, new JsonValue.JsonObject(legacy)), actions, children);
    }

    private static Optional<URI> link(WireObject o, String name) {
        return o.optionalString(name).map(text -> {
            try {
                URI uri = new URI(text);
                if (!uri.isAbsolute()) {
                    throw WireFormatException.badValue(o.field(name), text, "expected an absolute URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw WireFormatException.badValue(o.field(name), text, "not a URL", e);
            }
        });
    }

    private static void write(JsonGenerator g, LandscapeActivity a) throws IOException {
        g.writeStartObject();
        LandscapeCodec.writeActivityFields(g, a.activity(), REST_KEYS);
        if (a.actions().isPresent()) {
            LandscapeActivity.Actions actions = a.actions().get();
            g.writeObjectFieldStart("actions");
            g.writeBooleanField("approvable", actions.approvable());
            g.writeBooleanField("cancelable", actions.cancelable());
            if (actions.reappliable().isPresent()) {
                g.writeBooleanField("reappliable", actions.reappliable().get());
            }
            g.writeEndObject();
        }
        if (a.children().isPresent()) {
            g.writeArrayFieldStart("children");
            for (Activity child : a.children().get()) {
                g.writeStartObject();
                LandscapeCodec.writeActivityFields(g, child, REST_KEYS);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeLink(JsonGenerator g, String name, Optional<URI> link) throws IOException {
        if (link.isPresent()) {
            g.writeStringField(name, link.get().toString());
        } else {
            g.writeNullField(name);
        }
    }
}
