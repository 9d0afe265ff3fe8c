package org.activity4j.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code name=value} command-line options of the harnesses that are plain {@code main} programs, with
 * integer and comma-separated integer-list values:
 *
 * <pre>{@code
 * HarnessOptions options = HarnessOptions.parse(args, Set.of("samples", "connections"));
 * int samples = options.integer("samples", 200);
 * List<Integer> connections = options.integers("connections", List.of(100, 500));
 * }</pre>
 */
final class HarnessOptions {
    private final Map<String, String> values;

    private HarnessOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code args}; an argument that is not {@code name=value} or names no known option is refused. */
    static HarnessOptions parse(String[] args, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected name=value: " + arg);
            }
            if (!names.contains(kv[0])) {
                throw new IllegalArgumentException("unknown option: " + kv[0] + " (known: " + names + ")");
            }
            values.put(kv[0], kv[1]);
        }
        return new HarnessOptions(values);
    }

    /** The option's integer, or {@code otherwise} when it was not given. */
    int integer(String name, int otherwise) {
        String value = values.get(name);
        return value == null ? otherwise : Integer.parseInt(value);
    }

    /** The option's text, or {@code otherwise} when it was not given. */
    String string(String name, String otherwise) {
        String value = values.get(name);
        return value == null ? otherwise : value;
    }

    /** The option's text; refused when it was not given. */
    String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option: " + name + "=...");
        }
        return value;
    }

    /** The option's comma-separated integers, or {@code otherwise} when it was not given. */
    List<Integer> integers(String name, List<Integer> otherwise) {
        String value = values.get(name);
        return value == null
                ? otherwise
                : Arrays.stream(value.split(",", -1)).map(Integer::valueOf).toList();
    }
}
