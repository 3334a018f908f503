package dev.callscope.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed query or connection, carrying ClickHouse's error code (0 when the failure was not
 * ClickHouse's own, such as a network error) and a message fit to show a user.
 */
public class EngineException extends RuntimeException {

    /** ClickHouse's QUERY_WAS_CANCELLED. */
    public static final int QUERY_WAS_CANCELLED = 394;
    /** ClickHouse's TIMEOUT_EXCEEDED. */
    public static final int TIMEOUT_EXCEEDED = 159;

    private static final Pattern CODE =
            Pattern.compile("Code:\\s*(\\d+)\\.\\s*(?:DB::Exception:\\s*)?(.*)", Pattern.DOTALL);

    private final int code;

    public EngineException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public EngineException(int code, String message) {
        this(code, message, null);
    }

    /** Parses ClickHouse's "Code: N. DB::Exception: text" form; other text keeps code 0. */
    public static EngineException fromServerText(String text) {
        String trimmed = text == null ? "unknown error" : text.strip();
        Matcher m = CODE.matcher(trimmed);
        if (m.find()) {
            return new EngineException(Integer.parseInt(m.group(1)), firstLine(m.group(2)));
        }
        return new EngineException(0, firstLine(trimmed));
    }

    /** Where ClickHouse starts quoting the query (or an expression of it) back: pages of SQL no person reads. */
    private static final Pattern QUOTED_SQL = Pattern.compile(":? (?:[Ii]n scope |while executing ')", Pattern.DOTALL);
    /** The error's name, as in {@code ... t. (ARGUMENT_OUT_OF_BOUND) (version 26.7.3.1)}. */
    private static final Pattern NAME = Pattern.compile("\\. \\(([A-Z][A-Z0-9_]+)\\)");
    /** Longer than this, a message is cut (a value quoted back may be of any size). */
    static final int LONGEST = 600;

    private static String firstLine(String s) {
        // ClickHouse appends stack traces after a blank line in some builds; the user needs the message.
        int cut = s.indexOf("\n\n");
        String text = (cut >= 0 ? s.substring(0, cut) : s).strip();
        Matcher quoted = QUOTED_SQL.matcher(text);
        if (quoted.find()) {
            Matcher name = NAME.matcher(text).region(quoted.start(), text.length());
            String last = null;
            while (name.find()) {
                last = name.group(1);
            }
            text = text.substring(0, quoted.start()) + (last == null ? "" : " (" + last + ")");
        }
        return text.length() <= LONGEST ? text : text.substring(0, LONGEST) + "…";
    }

    /** The same code and message, remembering what caused it (for logs; users see the message). */
    public EngineException withCause(Throwable cause) {
        return new EngineException(code, getMessage(), cause);
    }

    /** ClickHouse's numeric error code, or 0 when the error did not come from ClickHouse. */
    public int code() {
        return code;
    }

    public boolean isCancelled() {
        return code == QUERY_WAS_CANCELLED;
    }

    public boolean isTimeout() {
        return code == TIMEOUT_EXCEEDED;
    }
}
