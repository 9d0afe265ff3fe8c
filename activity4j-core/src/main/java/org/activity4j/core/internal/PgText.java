package org.activity4j.core.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes text that the server sent as raw bytes ({@code textsend}) in a PostgreSQL encoding: never fails;
 * each malformed byte sequence becomes U+FFFD. {@code SQL_ASCII}, {@code UTF8} and unknown encodings are read
 * as UTF-8.
 */
final class PgText {
    private PgText() {}

    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("LATIN1", "ISO-8859-1"),
            Map.entry("LATIN2", "ISO-8859-2"),
            Map.entry("LATIN3", "ISO-8859-3"),
            Map.entry("LATIN4", "ISO-8859-4"),
            Map.entry("LATIN5", "ISO-8859-9"),
            Map.entry("LATIN7", "ISO-8859-13"),
            Map.entry("LATIN9", "ISO-8859-15"),
            Map.entry("ISO_8859_5", "ISO-8859-5"),
            Map.entry("ISO_8859_6", "ISO-8859-6"),
            Map.entry("ISO_8859_7", "ISO-8859-7"),
            Map.entry("ISO_8859_8", "ISO-8859-8"),
            Map.entry("WIN1250", "windows-1250"),
            Map.entry("WIN1251", "windows-1251"),
            Map.entry("WIN1252", "windows-1252"),
            Map.entry("WIN1253", "windows-1253"),
            Map.entry("WIN1254", "windows-1254"),
            Map.entry("WIN1255", "windows-1255"),
            Map.entry("WIN1256", "windows-1256"),
            Map.entry("WIN1257", "windows-1257"),
            Map.entry("WIN1258", "windows-1258"),
            Map.entry("KOI8R", "KOI8-R"),
            Map.entry("KOI8U", "KOI8-U"),
            Map.entry("EUC_JP", "EUC-JP"),
            Map.entry("EUC_KR", "EUC-KR"),
            Map.entry("EUC_CN", "GB2312"),
            Map.entry("GBK", "GBK"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("BIG5", "Big5"),
            Map.entry("SJIS", "Shift_JIS"));

    /** {@code bytes} in PostgreSQL encoding {@code encoding} (null: unknown) as text; null for null. */
    static @Nullable String decode(byte @Nullable [] bytes, @Nullable String encoding) {
        if (bytes == null) {
            return null;
        }
        Charset charset = charset(encoding);
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith("\uFFFD")
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Not reached with REPLACE; keep the promise that decoding never fails.
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Charset charset(@Nullable String encoding) {
        String name = encoding == null ? null : JAVA_NAMES.get(encoding.toUpperCase(Locale.ROOT));
        if (name != null && Charset.isSupported(name)) {
            return Charset.forName(name);
        }
        return StandardCharsets.UTF_8;
    }
}
