package org.activity4j.client.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activity4j.core.WireFormatException;

/**
 * Parameters of Landscape's {@code ?action=} API: RFC 3986 percent-encoding, the sorted canonical form the
 * signature covers (which is also what the client sends), parsing of a query string or form body, and lists
 * sent as {@code name.1=a&name.2=b}.
 *
 * <p>The canonical form sorts the parameters by their raw names, as Canonical's {@code landscape-api} client
 * does ({@link Order#RAW_NAMES}); activity4j once sorted by percent-encoded names ({@link
 * Order#ENCODED_NAMES}). The two orders differ only for names with characters outside {@code A-Za-z0-9-_.~}
 * (such as {@code a~} and {@code aé}); a verifier accepts either ({@link LandscapeSignature#verify}).
 *
 * <pre>{@code
 * Map<String, String> p = new TreeMap<>(Map.of("action", "GetActivities"));
 * LandscapeParams.putList(p, "computer_ids", List.of("1", "2"));   // computer_ids.1=1, computer_ids.2=2
 * String body = LandscapeParams.encode(p);
 * Map<String, String> back = LandscapeParams.decode(body);
 * List<String> ids = LandscapeParams.list(back, "computer_ids");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class LandscapeParams {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The most parameters {@link #decode(String)} accepts. */
    public static final int MAX_PARAMETERS = 1000;

    private LandscapeParams() {}

    /**
     * RFC 3986 percent-encoding of the UTF-8 bytes: {@code A-Z a-z 0-9 - _ . ~} stay, every other byte is
     * {@code %XY} with uppercase hex (a space is {@code %20}, never {@code +}).
     */
    public static String percentEncode(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (byte raw : text.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    /** The order of the parameters in the canonical form. */
    public enum Order {
        /**
         * By raw name, comparing Unicode code points (Python's string order), as Canonical's client sorts
         * them before it percent-encodes them.
         */
        RAW_NAMES,
        /** By percent-encoded name, comparing the encoded text's bytes. */
        ENCODED_NAMES
    }

    /**
     * {@code name=value} pairs, percent-encoded, sorted by raw name ({@link Order#RAW_NAMES}), joined with
     * {@code &}.
     */
    public static String encode(Map<String, String> params) {
        return encode(params, Order.RAW_NAMES);
    }

    /** {@code name=value} pairs, percent-encoded, sorted in {@code order}, joined with {@code &}. */
    public static String encode(Map<String, String> params, Order order) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
        if (order == Order.RAW_NAMES) {
            entries.sort((x, y) -> compareCodePoints(x.getKey(), y.getKey()));
        } else {
            entries.sort(Comparator.comparing(e -> percentEncode(e.getKey())));
        }
        Map<String, String> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) {
            sorted.put(percentEncode(e.getKey()), percentEncode(e.getValue()));
        }
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(k).append('=').append(v);
        });
        return b.toString();
    }

    /**
     * Parameters of a query string (without {@code ?}) or an {@code application/x-www-form-urlencoded} body,
     * in order. {@code +} is a space; {@code %XY} must be valid hex and the bytes valid UTF-8; a pair
     * without {@code =} has an empty value; empty pairs are skipped.
     *
     * @throws WireFormatException for bad escapes or UTF-8, a name given twice, or more than
     *     {@value #MAX_PARAMETERS} parameters
     */
    public static Map<String, String> decode(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                String name = unescape(pair, eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : unescape(pair, pair.substring(eq + 1));
                if (name.isEmpty()) {
                    throw WireFormatException.badValue("parameters", pair, "parameter without a name");
                }
                if (params.containsKey(name)) {
                    throw WireFormatException.badValue(name, value, "parameter given twice");
                }
                if (params.size() >= MAX_PARAMETERS) {
                    throw WireFormatException.badValue(
                            "parameters", name, "more than " + MAX_PARAMETERS + " parameters");
                }
                params.put(name, value);
            }
            start = end + 1;
        }
        return params;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Adds {@code values} as {@code name.1}, {@code name.2}, ... */
    public static void putList(Map<String, String> params, String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            params.put(name + "." + (i + 1), values.get(i));
        }
    }

    /**
     * The list sent as {@code name.1}, {@code name.2}, ...: the values from 1 up while they are present.
     *
     * @throws WireFormatException if an index is missing in the middle ({@code name.1} and {@code name.3})
     */
    public static List<String> list(Map<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        String prefix = name + ".";
        int count = 0;
        for (String key : params.keySet()) {
            if (key.startsWith(prefix)) {
                count++;
            }
        }
        for (int i = 1; i <= count; i++) {
            String v = params.get(prefix + i);
            if (v == null) {
                throw WireFormatException.missing(prefix + i);
            }
            values.add(v);
        }
        return values;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static String unescape(String pair, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw WireFormatException.badValue("parameters", pair, "'%' needs two hex digits");
                }
                int hi = hex(text.charAt(i + 1));
                int lo = hex(text.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw WireFormatException.badValue("parameters", pair, "'%' needs two hex digits");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WireFormatException.badValue("parameters", pair, "escapes are not valid UTF-8", e);
        }
    }
}
