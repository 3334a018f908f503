package dev.callscope.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Log lines for attempts of the live feed, generated in Java (the bulk loader generates them inside
 * the engine from stored events, which would rescan a function's events on every tick). Lines lie
 * inside the attempt's run and end with the same kinds of failure lines as the bulk workload.
 */
final class LiveLogLines {

    static final List<String> COLUMNS = List.of(
            "timestamp", "app_id", "function_id", "function_call_id", "container_id", "stream", "level", "message");

    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte SYSTEM = 3;
    private static final byte INFO = 2;
    private static final byte WARNING = 3;
    private static final byte ERROR = 4;

    private LiveLogLines() {}

    /** Appends {@code n} lines for the attempt that {@code finished} ends; returns how many were written. */
    static int append(RowBinaryBuffer out, DemoFunction f, Event finished, int n, SplittableRandom random) {
        long start = finished.startedAt();
        long end = finished.finishedAt();
        if (start == Event.NONE || end == Event.NONE || end - start < n + 2L || n == 0) {
            return 0;
        }
        byte[] app = f.appId().getBytes(StandardCharsets.UTF_8);
        byte[] fn = f.functionId().getBytes(StandardCharsets.UTF_8);
        String name = f.profile().name();
        for (int i = 0; i < n; i++) {
            long at = start + 1 + (end - start - 2) * i / n;
            byte stream = STDOUT;
            byte level = INFO;
            String message;
            if (i == 0) {
                stream = SYSTEM;
                message = "Starting " + name + " on container " + finished.containerId()
                        + (finished.coldStart() ? " after cold start" : " (warm container)");
            } else if (i == n - 1 && finished.status() == Event.Status.FAILURE) {
                stream = STDERR;
                level = ERROR;
                message = "Traceback (most recent call last):\n  File \"/root/app.py\", line "
                        + (40 + random.nextInt(200)) + ", in " + name + "\n    result = model(**inputs)\n"
                        + finished.error();
            } else if (i == n - 1 && finished.status() == Event.Status.TIMEOUT) {
                stream = SYSTEM;
                level = ERROR;
                message = "Function call timed out; sending SIGKILL to container " + finished.containerId() + ". "
                        + finished.error();
            } else if (random.nextInt(16) == 9) {
                stream = STDERR;
                level = WARNING;
                message = "retrying after transient error (attempt " + (1 + random.nextInt(4))
                        + "/5): upstream returned 502 Bad Gateway";
            } else {
                message = "request_id=" + Long.toHexString(random.nextLong()) + " processed " + random.nextInt(2048)
                        + " tokens in " + random.nextInt(900) + " ms (batch=" + (1 + random.nextInt(32)) + ")";
            }
            out.int64(at);
            out.bytes(app);
            out.bytes(fn);
            out.string(finished.callId());
            out.string(finished.containerId());
            out.int8(stream);
            out.int8(level);
            out.string(message);
            out.endRow();
        }
        return n;
    }
}
