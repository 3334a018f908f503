package dev.callscope.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Encodes one function's events as RowBinary rows in the column order of {@link #COLUMNS}. */
final class EventEncoder {

    static final List<String> COLUMNS = List.of(
            "function_id",
            "function_call_id",
            "event_at",
            "event_type",
            "app_id",
            "app_name",
            "function_name",
            "attempt",
            "container_id",
            "is_cold_start",
            "enqueued_at",
            "cold_start_began_at",
            "cold_start_ended_at",
            "started_at",
            "finished_at",
            "status",
            "gpu_type",
            "gpu_count",
            "cpu_cores",
            "memory_mib",
            "error",
            "ingested_at");

    private EventEncoder() {}

    static RowBinaryBuffer encode(DemoFunction f, List<Event> events) {
        RowBinaryBuffer out = new RowBinaryBuffer((int) Math.min(Integer.MAX_VALUE - 8, events.size() * 160L));
        append(out, f, events);
        return out;
    }

    /** Rows per insert batch: about 160 MB of RowBinary, far from the 2 GB a Java array can hold. */
    static final int BATCH_ROWS = 1_000_000;

    /** {@code events} as batches of at most {@link #BATCH_ROWS} rows, in order. */
    static List<RowBinaryBuffer> encodeBatches(DemoFunction f, List<Event> events) {
        List<RowBinaryBuffer> out = new ArrayList<>();
        for (int from = 0; from < events.size(); from += BATCH_ROWS) {
            out.add(encode(f, events.subList(from, Math.min(events.size(), from + BATCH_ROWS))));
        }
        return out;
    }

    /** {@link #COLUMNS} and the call graph's: the parent and root call ids ({@link #appendLinked}). */
    static final List<String> LINKED_COLUMNS = Stream.concat(
                    COLUMNS.stream(), Stream.of("parent_call_id", "root_call_id"))
            .toList();

    /** {@link #LINKED_COLUMNS} and a batch job's: its id and the input's index ({@link #appendInBatch}). */
    static final List<String> BATCH_COLUMNS = Stream.concat(
                    LINKED_COLUMNS.stream(), Stream.of("batch_id", "input_index"))
            .toList();

    /** Appends one event of an input of a batch job (no parent: a job submitted from outside), in the order of {@link #BATCH_COLUMNS}. */
    static void appendInBatch(RowBinaryBuffer out, DemoFunction f, Event e, String batch, int index) {
        row(out, new Encoded(f), f.profile(), e);
        out.string("");
        out.string("");
        out.string(batch);
        out.int32(index);
        out.endRow();
    }

    /** Appends one function's events to {@code out}, so several functions can share one insert. */
    static void append(RowBinaryBuffer out, DemoFunction f, List<Event> events) {
        Encoded ids = new Encoded(f);
        for (Event e : events) {
            row(out, ids, f.profile(), e);
            out.endRow();
        }
    }

    /** Appends one event of a call in a tree, in the order of {@link #LINKED_COLUMNS}. */
    static void appendLinked(RowBinaryBuffer out, DemoFunction f, Event e, String parent, String root) {
        row(out, new Encoded(f), f.profile(), e);
        out.string(parent);
        out.string(root);
        out.endRow();
    }

    /** Appends one event in the order of {@link #COLUMNS}, its function's constants encoded once by the caller. */
    static void appendOne(RowBinaryBuffer out, Encoded ids, DemoFunction f, Event e) {
        row(out, ids, f.profile(), e);
        out.endRow();
    }

    /** A function's constant columns, encoded once. */
    record Encoded(byte[] functionId, byte[] appId, byte[] appName, byte[] name, byte[] gpu) {
        Encoded(DemoFunction f) {
            this(
                    utf8(f.functionId()),
                    utf8(f.appId()),
                    utf8(f.profile().app()),
                    utf8(f.profile().name()),
                    utf8(f.profile().gpuType()));
        }
    }

    private static void row(RowBinaryBuffer out, Encoded ids, FunctionProfile p, Event e) {
        byte[] functionId = ids.functionId();
        byte[] appId = ids.appId();
        byte[] appName = ids.appName();
        byte[] name = ids.name();
        byte[] gpu = ids.gpu();
        out.bytes(functionId);
        out.string(e.callId());
        out.int64(e.eventAt());
        out.int8(e.type().code);
        out.bytes(appId);
        out.bytes(appName);
        out.bytes(name);
        out.uint16(e.attempt());
        out.string(e.containerId());
        out.bool(e.coldStart());
        out.int64(e.enqueuedAt());
        out.nullableInt64(e.coldStartBegan(), Event.NONE);
        out.nullableInt64(e.coldStartEnded(), Event.NONE);
        out.nullableInt64(e.startedAt(), Event.NONE);
        out.nullableInt64(e.finishedAt(), Event.NONE);
        out.int8(e.status().code);
        out.bytes(gpu);
        out.int8((byte) p.gpuCount());
        out.float32(p.cpuCores());
        out.int32(p.memoryMib());
        out.string(e.error());
        out.int64(e.ingestedAt());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
