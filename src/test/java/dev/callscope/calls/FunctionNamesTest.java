package dev.callscope.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.schema.Schema;
import dev.callscope.testing.CallEvents;
import dev.callscope.testing.TestEngine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Function names are kept between reads while the table's functions are the same, and read again when one is new. */
class FunctionNamesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aFunctionThatAppearsAfterTheNamesWereKeptIsNamedAtOnce() {
        Engine engine = TestEngine.shared();
        String db = TestEngine.freshDatabase("names");
        engine.execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine, db);
        CallEvents events = new CallEvents(engine, db);
        String alpha = "fu-01JNAMESALPHA0000000000000";
        String beta = "fu-01JNAMESBETA00000000000000";
        events.warm(alpha, "alpha", "fc-01JNAMESCALL00000000000001", T0, T0, T0.plusSeconds(1), "success");
        AttemptRows attempts = AttemptRows.of(engine, EventSchema.canonical(db));
        assertEquals("alpha", attempts.functionNames(engine).get(alpha).name());
        assertEquals("alpha", attempts.functionNames(engine).get(alpha).name(), "kept");
        assertEquals(beta, attempts.functionNames(engine).get(beta).name(), "an id with no events is named by itself");

        events.warm(beta, "beta", "fc-01JNAMESCALL00000000000002", T0, T0, T0.plusSeconds(2), "success");
        FunctionDirectory.Names after = attempts.functionNames(engine);
        assertEquals("beta", after.get(beta).name(), "a new function is named on the next read");
        assertEquals("alpha", after.get(alpha).name());
    }
}
