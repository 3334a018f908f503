package dev.callscope.logs.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Where a search's positive terms occur in a message, for highlighting (negated terms are skipped). */
public final class Highlighter {

    /** A highlighted span {@code [start, end)} of the message. */
    public record Span(int start, int end) {}

    private Highlighter() {}

    public static List<Span> spans(SearchExpr expr, String message) {
        List<Span> raw = new ArrayList<>();
        collect(expr, message, Tokens.lowerAscii(message), raw);
        raw.sort(Comparator.comparingInt(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span s : raw) {
            if (!merged.isEmpty() && s.start() <= merged.getLast().end()) {
                Span last = merged.removeLast();
                merged.add(new Span(last.start(), Math.max(last.end(), s.end())));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    private static void collect(SearchExpr expr, String message, String lower, List<Span> out) {
        switch (expr) {
            case SearchExpr.Token t -> words(lower, Tokens.lowerAscii(t.word()), false, out);
            case SearchExpr.Prefix p -> words(lower, Tokens.lowerAscii(p.start()), true, out);
            case SearchExpr.Phrase p -> {
                String needle = Tokens.lowerAscii(p.text());
                if (!needle.isEmpty()) {
                    for (int i = lower.indexOf(needle);
                            i >= 0 && out.size() < 200;
                            i = lower.indexOf(needle, i + needle.length())) {
                        out.add(new Span(i, i + needle.length()));
                    }
                }
            }
            case SearchExpr.Regex r -> {
                try {
                    Matcher m = Pattern.compile(r.pattern()).matcher(message);
                    while (m.find() && out.size() < 200) {
                        if (m.end() > m.start()) {
                            out.add(new Span(m.start(), m.end()));
                        }
                    }
                } catch (PatternSyntaxException | StackOverflowError ignored) {
                    // RE2 syntax Java cannot read: the row matched, it just is not highlighted
                }
            }
            case SearchExpr.And a -> a.parts().forEach(part -> collect(part, message, lower, out));
            case SearchExpr.Or o -> o.parts().forEach(part -> collect(part, message, lower, out));
            case SearchExpr.Not n -> {}
            case SearchExpr.FieldMatch f -> {}
            case SearchExpr.All a -> {}
        }
    }

    private static void words(String lower, String word, boolean prefix, List<Span> out) {
        if (word.isEmpty()) {
            return;
        }
        for (int i = lower.indexOf(word); i >= 0 && out.size() < 200; i = lower.indexOf(word, i + 1)) {
            int end = i + word.length();
            boolean startsWord = i == 0 || !Tokens.isWordChar(lower.charAt(i - 1));
            if (!startsWord) {
                continue;
            }
            if (prefix) {
                while (end < lower.length() && Tokens.isWordChar(lower.charAt(end))) {
                    end++;
                }
                out.add(new Span(i, end));
            } else if (end == lower.length() || !Tokens.isWordChar(lower.charAt(end))) {
                out.add(new Span(i, end));
            }
        }
    }
}
