package dev.callscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: every field quoted, CRLF line ends, anything else fails. */
public final class StrictCsv {

    private StrictCsv() {}

    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '"') {
                throw new AssertionError("unquoted field at " + i);
            }
            i++;
            while (true) {
                char c = text.charAt(i);
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                } else if (c == '"') {
                    i++;
                    break;
                } else {
                    field.append(c);
                    i++;
                }
            }
            row.add(field.toString());
            field.setLength(0);
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            } else {
                assertEquals("\r\n", text.substring(i, i + 2));
                i += 2;
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        return rows;
    }
}
