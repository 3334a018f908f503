package dev.callscope.testing;

import dev.callscope.schema.PatternRules;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line's pattern computed in Java, to check ClickHouse's against: the same rules, read by
 * java.util.regex with RE2's ASCII meanings ({@code \b} between an ASCII word character and
 * anything else), on the telling line's first {@link PatternRules#MAX_CHARS} code points.
 */
public final class PatternOracle {

    private static final String WORD = "[A-Za-z0-9_]";
    private static final String BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final List<Pattern> RULES = PatternRules.RULES.stream()
            .map(r -> Pattern.compile(r.regex().replace("\\b", BOUNDARY).replace("\\s", "[\\t\\n\\f\\r ]")))
            .toList();

    private PatternOracle() {}

    public static String of(String message) {
        String line = PatternRules.tellingLine(message);
        int cut = line.codePointCount(0, line.length()) > PatternRules.MAX_CHARS
                ? line.offsetByCodePoints(0, PatternRules.MAX_CHARS)
                : line.length();
        String out = line.substring(0, cut);
        for (int i = 0; i < RULES.size(); i++) {
            Matcher m = RULES.get(i).matcher(out);
            String replacement = PatternRules.RULES.get(i).replacement().replace("\\1", "$1");
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(
                        b,
                        replacement.contains("$1") && m.group(1) == null
                                ? Matcher.quoteReplacement(replacement.replace("$1", ""))
                                : replacement);
            }
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }
}
