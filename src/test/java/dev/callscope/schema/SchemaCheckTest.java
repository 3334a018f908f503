package dev.callscope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

    private final Engine engine = TestEngine.shared();

    @Test
    void readsTheRequiredColumnsFromTheDdl() {
        var required = SchemaCheck.required();
        assertTrue(
                required.get("function_call_events")
                        .containsAll(List.of(
                                "function_id",
                                "function_call_id",
                                "event_at",
                                "status",
                                "enqueued_at",
                                "finished_at",
                                "ingested_at")),
                required.toString());
        assertTrue(required.get("function_logs").containsAll(List.of("timestamp", "message", "level", "stream")));
        assertTrue(required.values().stream().noneMatch(c -> c.contains("INDEX") || c.contains("index")));
    }

    @Test
    void aCompleteSchemaHasNoProblems() {
        String db = TestEngine.freshDatabase("ok");
        Schema.create(engine, db);
        assertEquals(List.of(), SchemaCheck.problems(engine, db));
    }

    @Test
    void namesWhatIsMissing() {
        assertEquals(
                List.of("Database no_such_db_here does not exist"), SchemaCheck.problems(engine, "no_such_db_here"));
        String empty = TestEngine.freshDatabase("empty");
        assertTrue(SchemaCheck.problems(engine, empty).getFirst().contains("has none of Callscope's tables"));
        String partial = TestEngine.freshDatabase("partial");
        Schema.create(engine, partial);
        engine.execute(Query.of("DROP TABLE " + partial + ".function_logs"));
        engine.execute(Query.of("ALTER TABLE " + partial + ".function_call_events DROP COLUMN error"));
        List<String> problems = SchemaCheck.problems(engine, partial);
        assertEquals(
                List.of(
                        "Table " + partial + ".function_call_events lacks column error",
                        "Table " + partial + ".function_logs is missing"),
                problems);
    }
}
