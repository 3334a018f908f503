package dev.callscope.logs.search;

import dev.callscope.engine.Query;
import java.util.Map;

/**
 * A boolean SQL expression built only from fixed templates, with the user's values as named
 * parameters ({@code {s0:String}}, ...), ready to be placed in a WHERE clause.
 */
public record SqlCondition(String sql, Map<String, Object> params) {

    public SqlCondition {
        params = Map.copyOf(params);
    }

    /** Binds this condition's parameters onto {@code query}. */
    public Query bindTo(Query query) {
        Query q = query;
        for (Map.Entry<String, Object> p : params.entrySet()) {
            q = q.bind(p.getKey(), p.getValue());
        }
        return q;
    }
}
