package dev.callscope.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineContractTest;
import dev.callscope.engine.Query;
import dev.callscope.testing.TestEngine;
import org.junit.jupiter.api.Test;

class ChdbEngineTest extends EngineContractTest {

    @Override
    protected Engine engine() {
        return TestEngine.shared();
    }

    @Override
    protected String freshDatabase(String prefix) {
        return TestEngine.freshDatabase(prefix);
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory() {
        String db = TestEngine.freshDatabase("restart");
        Engine engine = engine();
        engine.execute(Query.of("CREATE TABLE " + db + ".t (n UInt64) ENGINE = MergeTree ORDER BY n"));
        engine.execute(Query.of("INSERT INTO " + db + ".t SELECT number FROM numbers(1234)"));
        ChdbEngine reopened = TestEngine.restart();
        assertEquals("1234", reopened.queryScalar(Query.of("SELECT count() FROM " + db + ".t")));
        assertTrue(reopened.info().serverVersion().startsWith("26."), reopened.info().serverVersion());
    }
}
