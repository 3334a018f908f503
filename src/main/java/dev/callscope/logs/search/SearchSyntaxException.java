package dev.callscope.logs.search;

/** A search the parser cannot read, with the character position the problem starts at. */
public final class SearchSyntaxException extends Exception {

    private final int position;

    public SearchSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Zero-based index into the search text. */
    public int position() {
        return position;
    }
}
