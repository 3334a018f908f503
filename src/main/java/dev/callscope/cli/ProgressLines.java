package dev.callscope.cli;

import java.io.PrintWriter;

/**
 * Progress on a terminal: each new step once, and a step that counts (a download, MB by MB) only at
 * every tenth of the way, so a 180 MB fetch prints about ten lines rather than one per MB.
 */
final class ProgressLines {

    private final PrintWriter err;
    private String step = "";
    private int tenth = -1;

    ProgressLines(PrintWriter err) {
        this.err = err;
    }

    void update(String message, double fraction) {
        String shape = message.replaceAll("[0-9]", ""); // "45 of 178 MB" and "46 of 178 MB" are one step
        int t = fraction < 0 ? -1 : (int) Math.floor(fraction * 10);
        if (!shape.equals(step) || t != tenth) {
            step = shape;
            tenth = t;
            err.println(message);
            err.flush();
        }
    }
}
