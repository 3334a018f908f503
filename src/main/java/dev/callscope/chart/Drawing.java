package dev.callscope.chart;

import java.io.IOException;
import java.io.OutputStream;

/** Something a painter draws at a size, plus (for data charts) the CSV of exactly what it plots. */
public interface Drawing {

    void paint(Surface surface, double width, double height);

    /** Writes the plotted data as CSV; drawings without tabular data refuse. */
    default void writeCsv(OutputStream out) throws IOException {
        throw new IllegalArgumentException("This chart has no CSV form");
    }
}
