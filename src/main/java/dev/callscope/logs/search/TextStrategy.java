package dev.callscope.logs.search;

/** How word searches reach the message column, chosen from the indexes the logs table has. */
public enum TextStrategy {
    /** An inverted {@code text} index on {@code message} (lower-cased): {@code hasAllTokens}. */
    TEXT_INDEX,
    /** A {@code tokenbf_v1} index on {@code lower(message)}: {@code hasToken(lower(message), ...)}. */
    TOKEN_BLOOM_FILTER,
    /** No usable index: the same functions, evaluated on every row. */
    SCAN
}
