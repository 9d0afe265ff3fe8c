package org.activity4j.core.internal;

import java.util.Map;
import org.activity4j.core.Computer;
import org.activity4j.core.JsonValue;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;

/**
 * What text a store keeps: valid Unicode without U+0000, since PostgreSQL can store neither a NUL nor a
 * lone surrogate. Both stores refuse such text alike, so an application never finds out by switching.
 */
public final class TextRules {
    private TextRules() {}

    /** Whether PostgreSQL can store the text. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static void check(String what, String text) {
        if (!storable(text)) {
            throw new IllegalArgumentException(what + " holds a NUL character or a lone surrogate, which"
                    + " activity stores do not keep: " + text.replace("\u0000", "\\u0000"));
        }
    }

    public static void check(Person person) {
        check("name of person " + person.id(), person.name());
        check("email of person " + person.id(), person.email());
    }

    public static void check(Computer c) {
        String of = " of computer " + c.id();
        check("hostname" + of, c.hostname());
        check("title" + of, c.title());
        check("access group" + of, c.accessGroup());
        c.distribution().ifPresent(d -> check("distribution" + of, d));
        c.tags().forEach(t -> check("a tag" + of, t));
        c.alerts().forEach(a -> check("an alert" + of, a));
        c.annotations().forEach((k, v) -> {
            check("an annotation key" + of, k);
            check("annotation " + k + of, v);
        });
    }

    public static void check(NewActivity a) {
        check("activity type", a.type());
        check("activity summary", a.summary());
        a.details().forEach((k, v) -> {
            check("a detail name", k);
            check("detail " + k, v);
        });
    }

    /** Iterative, so that it takes a value of any depth (the depth limit is checked elsewhere). */
    private static void check(String what, JsonValue value) {
        java.util.ArrayDeque<JsonValue> todo = new java.util.ArrayDeque<>();
        todo.push(value);
        while (!todo.isEmpty()) {
            JsonValue v = todo.pop();
            if (v instanceof JsonValue.JsonString) {
                check(what, ((JsonValue.JsonString) v).value());
            } else if (v instanceof JsonValue.JsonArray) {
                ((JsonValue.JsonArray) v).elements().forEach(todo::push);
            } else if (v instanceof JsonValue.JsonObject) {
                for (Map.Entry<String, JsonValue> m :
                        ((JsonValue.JsonObject) v).members().entrySet()) {
                    check(what, m.getKey());
                    todo.push(m.getValue());
                }
            }
        }
    }
}
