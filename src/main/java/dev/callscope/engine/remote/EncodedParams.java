package dev.callscope.engine.remote;

import dev.callscope.engine.Query;
import java.util.HashMap;
import java.util.Map;

/** A query's bound values as the client sends them. */
final class EncodedParams {

    private EncodedParams() {}

    /**
     * Our values are already in ClickHouse's parameter text form; the client escapes text it is
     * given as strings again, so each value goes as an object whose {@code toString} is the text.
     */
    static Map<String, Object> of(Query query) {
        Map<String, Object> params = new HashMap<>();
        query.params().forEach((name, text) -> params.put(name, new EncodedValue(text)));
        return params;
    }

    private record EncodedValue(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
