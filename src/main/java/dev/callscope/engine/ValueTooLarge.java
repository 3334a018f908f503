package dev.callscope.engine;

/** A value longer than any Java array: the answer cannot be kept (a proxy or a hostile server can send anything). */
public final class ValueTooLarge extends RuntimeException {
    ValueTooLarge(long bytes) {
        super("A value of " + bytes + " bytes");
    }
}
