package org.activity4j.client.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.activity4j.client.internal.Json;
import org.activity4j.client.internal.WireObject;
import org.activity4j.core.Activity;
import org.activity4j.core.JsonValue;
import org.activity4j.core.Person;
import org.activity4j.core.WireFormatException;
import org.activity4j.query.ActivityStatus;

/**
 * JSON bodies of Landscape's legacy {@code ?action=} API for activities: the bare array of {@code
 * GetActivities} (fields that activity4j does not model are kept in {@link Activity#details()}), the type
 * names of {@code GetActivityTypes}, the id lists of {@code CancelActivities} and {@code ApproveActivities}
 * (numbers or strings), error bodies, and the {@code <id> => <reason>} lines of {@code
 * InvalidActivityStatusChange}. Every decoder throws nothing but {@link WireFormatException}.
 *
 * <pre>{@code
 * List<Activity> page = LandscapeCodec.decodeActivities(body);
 * String json = LandscapeCodec.encodeActivities(page);
 * Map<Long, String> reasons = LandscapeCodec.parseReasons("12 => already delivered\n13 => canceled");
 * }</pre>
 *
 * <p>Where the sources leave it open: an activity without {@code activity_status} that reports {@code
 * progress} (a pocket sync, say) is {@code delivered}; a missing {@code modification_time} is the creation
 * time; a missing {@code summary} is empty. Times are written to the second.
 *
 * <p>Stateless and thread-safe.
 */
public final class LandscapeCodec {
    private static final Set<String> ACTIVITY_KEYS = Set.of(
            "id",
            "parent_id",
            "computer_id",
            "creator",
            "type",
            "activity_status",
            "summary",
            "result_text",
            "result_code",
            "progress",
            "creation_time",
            "delivery_time",
            "completion_time",
            "modification_time",
            "approval_time",
            "deliver_after_time");

    private LandscapeCodec() {}

    /** The answer of {@code GetActivities}: a bare JSON array of activities. */
    public static List<Activity> decodeActivities(String json) {
        return Json.parseArray(json, null, LandscapeCodec::activity);
    }

    /**
     * {@link #decodeActivities(String)} from a stream, one activity at a time: the heap holds the activities
     * and a few kilobytes of buffer, never the whole body (for a page of hundreds of megabytes).
     *
     * <pre>{@code
     * try (InputStream body = response.body()) {
     *     List<Activity> page = LandscapeCodec.decodeActivities(body);
     * }
     * }</pre>
     *
     * @throws WireFormatException for a malformed body
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public static List<Activity> decodeActivities(InputStream json) {
        return Json.parseArray(json, null, LandscapeCodec::activity);
    }

    /** One activity object. */
    public static Activity decodeActivity(String json) {
        return activity("$", Json.parse(json));
    }

    /** The bare JSON array of {@code GetActivities}: known fields first, then the details in order. */
    public static String encodeActivities(List<Activity> activities) {
        return Json.write(g -> {
            g.writeStartArray();
            for (Activity a : activities) {
                writeActivity(g, a);
            }
            g.writeEndArray();
        });
    }

    /** The answer of {@code GetActivityTypes}: an array of strings. */
    public static List<String> decodeActivityTypes(String json) {
        return Json.parseArray(json, null, WireObject::toStringValue);
    }

    /**
     * {@link #decodeActivityTypes(String)} from a stream.
     *
     * <pre>{@code
     * List<String> types = LandscapeCodec.decodeActivityTypes(response.body());
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public static List<String> decodeActivityTypes(InputStream json) {
        return Json.parseArray(json, null, WireObject::toStringValue);
    }

    /** An array of strings. */
    public static String encodeActivityTypes(List<String> types) {
        return Json.write(g -> {
            g.writeStartArray();
            for (String t : types) {
                g.writeString(t);
            }
            g.writeEndArray();
        });
    }

    /** The answer of {@code CancelActivities} or {@code ApproveActivities}: ids as numbers or as strings. */
    public static List<Long> decodeIds(String json) {
        return Json.parseArray(json, null, LandscapeCodec::id);
    }

    /**
     * {@link #decodeIds(String)} from a stream.
     *
     * <pre>{@code
     * List<Long> canceled = LandscapeCodec.decodeIds(response.body());
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public static List<Long> decodeIds(InputStream json) {
        return Json.parseArray(json, null, LandscapeCodec::id);
    }

    private static long id(String path, JsonValue v) {
        {
            long id;
            if (v instanceof JsonValue.JsonString) {
                id = parseId(path, ((JsonValue.JsonString) v).value());
            } else {
                id = WireObject.toLong(path, v);
            }
            if (id < 1) {
                throw WireFormatException.badValue(path, v.toJson(), "an activity id is 1 or more");
            }
            return id;
        }
    }

    /** An array of numbers. */
    public static String encodeIds(List<Long> ids) {
        return Json.write(g -> {
            g.writeStartArray();
            for (long id : ids) {
                g.writeNumber(id);
            }
            g.writeEndArray();
        });
    }

    /** An error body: {@code {"error": "<Code>", "message": "<text>"}}; a missing message is empty. */
    public static LandscapeError decodeError(String json) {
        WireObject o = WireObject.of("$", Json.parse(json));
        return new LandscapeError(
                o.requireString("error"), o.optionalString("message").orElse(""));
    }

    /** {@code {"error": "<Code>", "message": "<text>"}}. */
    public static String encodeError(LandscapeError error) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", error.code());
            g.writeStringField("message", error.message());
            g.writeEndObject();
        });
    }

    /**
     * The id to reason map of an {@code InvalidActivityStatusChange} message: one {@code <id> => <reason>}
     * per line; blank lines are skipped, line ends may be {@code \n} or {@code \r\n}.
     *
     * @throws WireFormatException for a line that is not {@code <id> => <reason>}, an id given twice, or no
     *     line at all
     */
    public static Map<Long, String> parseReasons(String message) {
        Map<Long, String> reasons = new TreeMap<>();
        for (String line : message.lines().toList()) {
            if (line.isBlank()) {
                continue;
            }
            int arrow = line.indexOf(" => ");
            if (arrow < 0) {
                throw WireFormatException.badValue("message", line, "expected a line '<activity id> => <reason>'");
            }
            long id = parseId("message", line.substring(0, arrow).trim());
            if (id < 1) {
                throw WireFormatException.badValue("message", line, "an activity id is 1 or more");
            }
            if (reasons.put(id, line.substring(arrow + 4).strip()) != null) {
                throw WireFormatException.badValue("message", line, "activity " + id + " is named twice");
            }
        }
        if (reasons.isEmpty()) {
            throw WireFormatException.badValue("message", message, "expected lines '<activity id> => <reason>'");
        }
        return reasons;
    }

    /**
     * One {@code <id> => <reason>} line per activity, by id.
     *
     * @throws IllegalArgumentException if a reason contains a line break
     */
    public static String formatReasons(Map<Long, String> reasons) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(reasons).forEach((id, reason) -> {
            if (reason.contains("\n") || reason.contains("\r")) {
                throw new IllegalArgumentException("the reason for activity " + id + " spans lines: " + reason);
            }
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(id).append(" => ").append(reason);
        });
        return b.toString();
    }

    private static long parseId(String field, String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw WireFormatException.badValue(field, text, "expected an activity id");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) { // 19 digits above Long.MAX_VALUE
            throw WireFormatException.badValue(field, text, "an activity id is at most " + Long.MAX_VALUE);
        }
    }

    static Activity activity(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        long id = o.requireLong("id");
        WireObject creator = WireObject.of(o.field("creator"), o.get("creator"));
        OptionalInt progress = o.optionalInt("progress");
        ActivityStatus status;
        Optional<String> statusName = o.optionalString("activity_status");
        if (statusName.isPresent()) {
            status = ActivityStatus.fromWireName(statusName.get())
                    .orElseThrow(() -> WireFormatException.badValue(
                            o.field("activity_status"), statusName.get(), "unknown activity status"));
        } else if (progress.isPresent()) {
            status = ActivityStatus.DELIVERED;
        } else {
            throw WireFormatException.missing(o.field("activity_status"));
        }
        Instant created = requireTime(o, "creation_time");
        try {
            return Activity.builder(
                            id,
                            o.requireString("type"),
                            status,
                            new Person(
                                    creator.requireLong("id"),
                                    creator.optionalString("name").orElse(""),
                                    creator.requireString("email")),
                            created)
                    .parentId(o.optionalLong("parent_id"))
                    .computerId(o.optionalLong("computer_id"))
                    .summary(o.optionalString("summary").orElse(""))
                    .resultText(o.optionalString("result_text"))
                    .resultCode(o.optionalInt("result_code"))
                    .progress(progress)
                    .deliveryTime(time(o, "delivery_time"))
                    .completionTime(time(o, "completion_time"))
                    .modificationTime(time(o, "modification_time").orElse(created))
                    .approvalTime(time(o, "approval_time"))
                    .deliverAfterTime(time(o, "deliver_after_time"))
                    .details(o.others(ACTIVITY_KEYS))
                    .build();
        } catch (IllegalArgumentException e) {
            throw WireFormatException.badValue(
                    path, value.toJson(), e.getMessage() == null ? "bad activity" : e.getMessage(), e);
        }
    }

    private static Instant requireTime(WireObject o, String name) {
        return parseTime(o.field(name), o.requireString(name));
    }

    private static Optional<Instant> time(WireObject o, String name) {
        return o.optionalString(name).map(text -> parseTime(o.field(name), text));
    }

    private static Instant parseTime(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw WireFormatException.badValue(field, text, "expected a time YYYY-MM-DDTHH:MM:SSZ", e);
        }
    }

    private static void writeActivity(JsonGenerator g, Activity a) throws IOException {
        g.writeStartObject();
        writeActivityFields(g, a, Set.of());
        g.writeEndObject();
    }

    /** The members of an activity object, without its braces; no detail may be named as one of {@code more}. */
    static void writeActivityFields(JsonGenerator g, Activity a, Set<String> more) throws IOException {
        for (String key : a.details().keySet()) {
            if (ACTIVITY_KEYS.contains(key) || more.contains(key)) {
                throw new IllegalArgumentException(
                        "detail '" + key + "' of activity " + a.id() + " would replace one of its fields");
            }
        }
        g.writeNumberField("id", a.id());
        writeLong(g, "parent_id", a.parentId());
        writeLong(g, "computer_id", a.computerId());
        g.writeObjectFieldStart("creator");
        g.writeNumberField("id", a.creator().id());
        g.writeStringField("name", a.creator().name());
        g.writeStringField("email", a.creator().email());
        g.writeEndObject();
        g.writeStringField("type", a.type());
        g.writeStringField("activity_status", a.status().wireName());
        g.writeStringField("summary", a.summary());
        writeString(g, "result_text", a.resultText());
        writeInt(g, "result_code", a.resultCode());
        writeInt(g, "progress", a.progress());
        g.writeStringField("creation_time", LandscapeSignature.formatTimestamp(a.creationTime()));
        writeTime(g, "delivery_time", a.deliveryTime());
        writeTime(g, "completion_time", a.completionTime());
        g.writeStringField("modification_time", LandscapeSignature.formatTimestamp(a.modificationTime()));
        writeTime(g, "approval_time", a.approvalTime());
        writeTime(g, "deliver_after_time", a.deliverAfterTime());
        for (Map.Entry<String, JsonValue> d : a.details().entrySet()) {
            g.writeFieldName(d.getKey());
            Json.write(g, d.getValue());
        }
    }

    private static void writeLong(JsonGenerator g, String name, OptionalLong v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsLong());
        } else {
            g.writeNullField(name);
        }
    }

    private static void writeInt(JsonGenerator g, String name, OptionalInt v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsInt());
        } else {
            g.writeNullField(name);
        }
    }

    private static void writeString(JsonGenerator g, String name, Optional<String> v) throws IOException {
        if (v.isPresent()) {
            g.writeStringField(name, v.get());
        } else {
            g.writeNullField(name);
        }
    }

    private static void writeTime(JsonGenerator g, String name, Optional<Instant> v) throws IOException {
        if (v.isPresent()) {
            g.writeStringField(name, LandscapeSignature.formatTimestamp(v.get()));
        } else {
            g.writeNullField(name);
        }
    }
}
