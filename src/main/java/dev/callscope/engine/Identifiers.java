package dev.callscope.engine;

import java.util.regex.Pattern;

/** The names both engines put into SQL text themselves (tables, columns, formats) and the query ids they accept. */
public final class Identifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Pattern QUERY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Identifiers() {}

    /** A plain identifier, optionally {@code database.table}; anything else is refused. */
    public static String require(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain identifier: " + name);
        }
        return name;
    }

    public static boolean isQueryId(String id) {
        return id != null && QUERY_ID.matcher(id).matches();
    }
}
