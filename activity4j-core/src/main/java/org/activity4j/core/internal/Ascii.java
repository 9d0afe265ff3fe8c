package org.activity4j.core.internal;

/**
 * Case folding of ASCII letters only, the same in Java and in SQL ({@link #SQL_FOLD}), so both stores
 * compare text alike whatever the database's locale.
 */
public final class Ascii {
    /** SQL that folds the ASCII letters of the text in {@code %s} to lowercase. */
    public static final String SQL_FOLD = "translate(%s, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";

    private Ascii() {}

    public static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    public static boolean equalsIgnoreCase(String a, String b) {
        return lower(a).equals(lower(b));
    }

    public static boolean containsIgnoreCase(String text, String part) {
        return lower(text).contains(lower(part));
    }
}
