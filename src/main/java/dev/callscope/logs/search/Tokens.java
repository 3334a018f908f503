package dev.callscope.logs.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words the way ClickHouse's {@code splitByNonAlpha} tokenizer and
 * {@code hasToken} do: a word is a run of ASCII letters and digits or non-ASCII characters;
 * everything else separates words.
 */
public final class Tokens {

    private Tokens() {}

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isWordChar(text.charAt(i))) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    public static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    }

    /** Lower-cases ASCII letters only, as ClickHouse's {@code lower} does. */
    public static String lowerAscii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }
}
