package dev.callscope.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * A column type {@link RowBinaryRows} decodes itself, parsed from its ClickHouse name: strings,
 * integers, floats, Bool, UTC date-times and enums, each possibly Nullable, LowCardinality or
 * a SimpleAggregateFunction's (which RowBinary sends as the plain type). {@link #parse} gives null for any other type, and
 * the whole result is then left to the ClickHouse client's reader.
 */
record RowBinaryType(Kind kind, boolean nullable, int scale, Map<Integer, String> enumNames, boolean aggregate) {

    enum Kind {
        STRING,
        UINT8,
        UINT16,
        UINT32,
        UINT64,
        INT8,
        INT16,
        INT32,
        INT64,
        FLOAT32,
        FLOAT64,
        BOOL,
        DATETIME,
        DATETIME64,
        ENUM8,
        ENUM16
    }

    private static final Map<String, Kind> PLAIN = Map.ofEntries(
            Map.entry("String", Kind.STRING),
            Map.entry("UInt8", Kind.UINT8),
            Map.entry("UInt16", Kind.UINT16),
            Map.entry("UInt32", Kind.UINT32),
            Map.entry("UInt64", Kind.UINT64),
            Map.entry("Int8", Kind.INT8),
            Map.entry("Int16", Kind.INT16),
            Map.entry("Int32", Kind.INT32),
            Map.entry("Int64", Kind.INT64),
            Map.entry("Float32", Kind.FLOAT32),
            Map.entry("Float64", Kind.FLOAT64),
            Map.entry("Bool", Kind.BOOL),
            Map.entry("DateTime", Kind.DATETIME),
            Map.entry("DateTime('UTC')", Kind.DATETIME));

    /** The type named {@code name}, or null when it is not one decoded here. */
    static RowBinaryType parse(String name) {
        String t = name.strip();
        boolean nullable = false;
        boolean aggregate = false;
        while (true) {
            String inner = unwrap(t, "SimpleAggregateFunction(");
            if (inner != null) {
                // sent as its value's type: the part after the function's name
                int comma = topLevelComma(inner);
                if (comma < 0) {
                    return null;
                }
                t = inner.substring(comma + 1).strip();
                aggregate = true;
            } else if (unwrap(t, "LowCardinality(") != null) {
                t = unwrap(t, "LowCardinality(");
            } else if (!nullable && unwrap(t, "Nullable(") != null) {
                t = unwrap(t, "Nullable(");
                nullable = true;
            } else {
                break;
            }
        }
        Kind plain = PLAIN.get(t);
        if (plain != null) {
            return new RowBinaryType(plain, nullable, 0, Map.of(), aggregate);
        }
        String args = unwrap(t, "DateTime64(");
        if (args != null) {
            String[] parts = args.split(",", 2);
            if (parts.length == 2 && !parts[1].strip().equals("'UTC'")) {
                return null; // another time zone: the client's reader gives its zone's date-times
            }
            try {
                int scale = Integer.parseInt(parts[0].strip());
                return scale < 0 || scale > 9
                        ? null
                        : new RowBinaryType(Kind.DATETIME64, nullable, scale, Map.of(), aggregate);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        for (Kind k : new Kind[] {Kind.ENUM8, Kind.ENUM16}) {
            String values = unwrap(t, k == Kind.ENUM8 ? "Enum8(" : "Enum16(");
            if (values != null) {
                Map<Integer, String> names = enumNames(values);
                return names == null ? null : new RowBinaryType(k, nullable, 0, names, aggregate);
            }
        }
        return null;
    }

    /** The first comma outside parentheses and quotes, or -1. */
    private static int topLevelComma(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** What is inside {@code prefix…)}, or null when {@code t} is not that. */
    private static String unwrap(String t, String prefix) {
        return t.startsWith(prefix) && t.endsWith(")") ? t.substring(prefix.length(), t.length() - 1) : null;
    }

    /** {@code 'a' = 1, 'b' = 2} by value, or null when it does not read as that. */
    private static Map<Integer, String> enumNames(String values) {
        Map<Integer, String> out = new HashMap<>();
        int i = 0;
        int n = values.length();
        while (i < n) {
            while (i < n && (values.charAt(i) == ' ' || values.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            if (values.charAt(i) != '\'') {
                return null;
            }
            StringBuilder name = new StringBuilder();
            i++;
            while (i < n && values.charAt(i) != '\'') {
                char c = values.charAt(i++);
                if (c == '\\' && i < n) {
                    c = values.charAt(i++);
                }
                name.append(c);
            }
            i++; // the closing quote
            int eq = values.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            int end = values.indexOf(',', eq);
            end = end < 0 ? n : end;
            try {
                out.put(Integer.parseInt(values.substring(eq + 1, end).strip()), name.toString());
            } catch (NumberFormatException e) {
                return null;
            }
            i = end;
        }
        return out;
    }
}
