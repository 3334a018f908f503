package dev.callscope.testing;

import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import java.time.Instant;

/** Writes call lifecycle events into Callscope's events table one by one, as a hand-made fixture needs them. */
public final class CallEvents {

    private final Engine engine;
    private final String database;
    /** The call graph columns the events carry: parent and root call ids ('' for none). */
    private final String parent;

    private final String root;
    /** The batch job the events' call is an input of ('' for none), and its index. */
    private final String batch;

    private final int input;

    public CallEvents(Engine engine, String database) {
        this(engine, database, "", "", "", 0);
    }

    private CallEvents(Engine engine, String database, String parent, String root, String batch, int input) {
        this.engine = engine;
        this.database = database;
        this.parent = parent;
        this.root = root;
        this.batch = batch;
        this.input = input;
    }

    /** The same writer for the input {@code index} of the batch job {@code batch}. */
    public CallEvents inBatch(String batch, int index) {
        return new CallEvents(engine, database, parent, root, batch, index);
    }

    /** The same writer for calls spawned by {@code parent} in the tree of {@code root} (a root: its own id, parent ''). */
    public CallEvents inTree(String parent, String root) {
        return new CallEvents(engine, database, parent, root, batch, input);
    }

    /** One event; the stage times it carries are those known when it was sent (null: not yet). */
    public void insert(
            String fn,
            String name,
            String call,
            String type,
            Instant at,
            int attempt,
            String container,
            boolean cold,
            Instant enq,
            Instant cb,
            Instant ce,
            Instant st,
            Instant fin,
            String status) {
        engine.execute(Query.of("INSERT INTO " + database + """
                .function_call_events (function_id, function_call_id, event_at, event_type, app_name, function_name, attempt,
                  container_id, is_cold_start, enqueued_at, cold_start_began_at, cold_start_ended_at, started_at, finished_at,
                  status, gpu_type, gpu_count, cpu_cores, memory_mib, ingested_at, parent_call_id, root_call_id, batch_id, input_index)
                VALUES ({f:String}, {c:String}, {at:DateTime64(6, 'UTC')}, {type:String}, 'edges', {name:String}, {attempt:UInt16},
                  {container:String}, {cold:Bool}, {enq:DateTime64(6, 'UTC')}, {cb:Nullable(DateTime64(6, 'UTC'))},
                  {ce:Nullable(DateTime64(6, 'UTC'))}, {st:Nullable(DateTime64(6, 'UTC'))}, {fin:Nullable(DateTime64(6, 'UTC'))},
                  {status:String}, 'H100', 1, 0, 0, now64(6), {parent:String}, {root:String}, {batch:String}, {input:UInt32})""")
                .bind("f", fn)
                .bind("c", call)
                .bind("at", at)
                .bind("type", type)
                .bind("name", name)
                .bind("attempt", attempt)
                .bind("container", container)
                .bind("cold", cold)
                .bind("enq", enq)
                .bind("cb", cb)
                .bind("ce", ce)
                .bind("st", st)
                .bind("fin", fin)
                .bind("status", status)
                .bind("parent", parent)
                .bind("root", root)
                .bind("batch", batch)
                .bind("input", input));
    }

    /** A warm call of one attempt: queued at {@code enq}, started at {@code st}, finished at {@code fin} (null: no finish event). */
    public void warm(String fn, String name, String call, Instant enq, Instant st, Instant fin, String status) {
        insert(fn, name, call, "queued", enq, 1, "", false, enq, null, null, null, null, "pending");
        if (st != null) {
            insert(fn, name, call, "started", st, 1, "ta-edge", false, enq, null, null, st, null, "pending");
        }
        if (fin != null) {
            insert(fn, name, call, "finished", fin, 1, "ta-edge", false, enq, null, null, st, fin, status);
        }
    }
}
