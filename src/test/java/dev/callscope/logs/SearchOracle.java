package dev.callscope.logs;

import dev.callscope.logs.search.SearchExpr;
import dev.callscope.logs.search.Tokens;
import dev.callscope.testing.PatternOracle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An independent, in-memory reading of the search language's meaning (docs/SEARCH.md), to check
 * the SQL against: a line matches or not, decided in Java from the line's fields.
 */
final class SearchOracle {

    private final Map<String, String> functionNames;
    private final Map<String, String> appNames;

    SearchOracle(Map<String, String> functionNames, Map<String, String> appNames) {
        this.functionNames = functionNames;
        this.appNames = appNames;
    }

    boolean matches(SearchExpr expr, LogLine line) {
        String lower = Tokens.lowerAscii(line.message());
        return switch (expr) {
            case SearchExpr.All a -> true;
            case SearchExpr.Token t -> Tokens.of(lower).contains(Tokens.lowerAscii(t.word()));
            case SearchExpr.Phrase p -> lower.contains(Tokens.lowerAscii(p.text()));
            case SearchExpr.Prefix p ->
                Tokens.of(lower).stream().anyMatch(w -> w.startsWith(Tokens.lowerAscii(p.start())));
            // RE2's (?i) folds Unicode case: Java's does only with UNICODE_CASE
            case SearchExpr.Regex r ->
                Pattern.compile(r.pattern(), Pattern.UNICODE_CASE)
                        .matcher(line.message())
                        .find();
            case SearchExpr.FieldMatch f ->
                switch (f.field()) {
                    case LEVEL -> line.level().equals(f.value());
                    case STREAM -> line.stream().equals(f.value());
                    case CALL ->
                        line.callId().equalsIgnoreCase(f.value())
                                || line.callId().equalsIgnoreCase("fc-" + f.value());
                    case CONTAINER ->
                        line.containerId().equalsIgnoreCase(f.value())
                                || line.containerId().equalsIgnoreCase("ta-" + f.value());
                    case FUNCTION ->
                        line.functionId().equalsIgnoreCase(f.value())
                                || line.functionId().equalsIgnoreCase("fu-" + f.value())
                                || f.value()
                                        .toLowerCase(Locale.ROOT)
                                        .equals(lowerOrEmpty(functionNames.get(line.functionId())));
                    case APP ->
                        line.appId().equalsIgnoreCase(f.value())
                                || line.appId().equalsIgnoreCase("ap-" + f.value())
                                || f.value().toLowerCase(Locale.ROOT).equals(lowerOrEmpty(appNames.get(line.appId())));
                    case PATTERN -> PatternOracle.of(line.message()).equals(f.value());
                };
            case SearchExpr.Not n -> !matches(n.inner(), line);
            case SearchExpr.And a -> a.parts().stream().allMatch(p -> matches(p, line));
            case SearchExpr.Or o -> o.parts().stream().anyMatch(p -> matches(p, line));
        };
    }

    private static String lowerOrEmpty(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
