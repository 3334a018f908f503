package dev.callscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

    @Test
    void aCountingStepPrintsAboutTenLinesAndEveryNewStepOnce() {
        StringWriter text = new StringWriter();
        ProgressLines lines = new ProgressLines(new PrintWriter(text));

        lines.update("Downloading the engine…", -1);
        for (int mb = 0; mb <= 180; mb++) {
            lines.update("Downloading: " + mb + " of 180 MB", mb / 180.0);
        }
        lines.update("Checking the download…", -1);
        lines.update("Generating the demo workload: events", 0.1);
        lines.update("Generating the demo workload: logs", 0.15);

        List<String> printed = text.toString().lines().toList();
        assertEquals(15, printed.size(), printed::toString); // 1 + 11 (0%..100% by tenths) + 3
        assertEquals("Downloading: 18 of 180 MB", printed.get(2));
        assertEquals("Generating the demo workload: logs", printed.getLast());
    }
}
