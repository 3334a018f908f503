package dev.callscope.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Turns Java values into the text ClickHouse parses for a {@code {name:Type}} parameter.
 *
 * <p>Parameter values are read with ClickHouse's "escaped" text rules (as in TabSeparated): a
 * backslash starts an escape, a raw tab or newline would end the value, and {@code \N} is NULL.
 * Escaping those characters makes every string round-trip exactly; it is an encoding of the value
 * channel, not SQL quoting, because values never enter the SQL text.
 */
public final class ParamText {

    /** Instants as UTC text with nanoseconds; placeholders should name the zone, e.g. {@code DateTime64(3, 'UTC')}. */
    private static final DateTimeFormatter UTC_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

    private ParamText() {}

    public static String encode(Object value) {
        if (value == null) {
            return "\\N";
        }
        // Arrays are read in their own quoted form, whose element quoting already escapes everything.
        return value instanceof Collection<?> c ? array(c) : escape(plain(value, false));
    }

    /** The value's text before escaping; inside arrays strings are quoted as ClickHouse literals. */
    private static String plain(Object value, boolean nested) {
        return switch (value) {
            case String s -> nested ? quote(s) : s;
            case Character c -> nested ? quote(c.toString()) : c.toString();
            case Boolean b -> b ? "true" : "false";
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case BigInteger b -> b.toString();
            case BigDecimal b -> b.toPlainString();
            case Double d -> finite(d).toString();
            case Float f -> finite(f.doubleValue()).toString();
            case Instant t -> nested ? quote(UTC_TEXT.format(t)) : UTC_TEXT.format(t);
            case LocalDate d -> nested ? quote(d.toString()) : d.toString();
            case Collection<?> c -> array(c);
            default ->
                throw new IllegalArgumentException(
                        "Unsupported parameter type: " + value.getClass().getName());
        };
    }

    private static Double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("Parameter must be a finite number: " + d);
        }
        return d;
    }

    private static String array(Collection<?> items) {
        StringBuilder sb = new StringBuilder("[");
        for (Object item : items) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(item == null ? "NULL" : plain(item, true));
        }
        return sb.append(']').toString();
    }

    /** A ClickHouse single-quoted literal, used only for elements inside an array value. */
    private static String quote(String s) {
        return "'" + escape(s).replace("'", "\\'") + "'";
    }

    /** Escapes the characters the escaped-text reader treats specially. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\0' -> "\\0";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
