package dev.callscope.profiles;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How a mapping onto a user's table keeps its columns (logs and events alike): field label to
 * column or expression, blank for a field the table does not have; by label, so a file stays
 * readable when fields are added.
 */
final class MappingColumns {

    private MappingColumns() {}

    /** The columns as stored: a copy, or null for a mapping that has none (Callscope's own, a preset). */
    static Map<String, String> copy(Map<String, String> columns) {
        return columns == null ? null : Map.copyOf(new LinkedHashMap<>(columns));
    }

    /** Columns by field, as a form gives them, keyed by each field's label. */
    static <F> Map<String, String> byLabel(Map<F, String> byField, Function<F, String> label) {
        Map<String, String> out = new LinkedHashMap<>();
        byField.forEach((f, v) -> out.put(label.apply(f), v == null ? "" : v));
        return out;
    }

    /** The column of the field labelled {@code label}, blank when none. */
    static String of(Map<String, String> columns, String label) {
        return columns == null ? "" : columns.getOrDefault(label, "");
    }
}
