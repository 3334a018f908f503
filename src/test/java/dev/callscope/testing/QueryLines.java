package dev.callscope.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as lines of their first columns' text, {@code a|b|c|}, for comparing two reads row by row. */
public final class QueryLines {

    private QueryLines() {}

    public static List<String> of(Engine engine, Query q, int columns) {
        assertNotNull(q);
        return engine.query(q, rows -> {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            line.append(rows.getString(c)).append('|');
                        }
                        out.add(line.toString());
                    }
                    return out;
                })
                .value();
    }
}
