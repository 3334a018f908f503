package dev.callscope.calls;

import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.engine.SqlPart;
import dev.callscope.schema.Schema;
import dev.callscope.time.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-function rollup of finished calls by 30-second slot of their finish
 * ({@code function_call_rollup}): how ranges get exact percentiles and outcome counts without a row
 * per call. It holds, per slot, the exact quantile state of each latency (every value), so merging
 * slots gives the same percentiles as the calls themselves. Thirty seconds is the Performance tab's
 * bucket for an hour (about 200 points), so every bucket from 30 s up is whole slots.
 *
 * <p>It covers the slots before {@link #sealedUntil()} (the newest run's {@code sealed_through}:
 * slots up to it without a row held no finished call); a reader splits its range into the whole
 * slots the rollup covers and the edges it does not (a partial first slot, everything after the
 * seal), which it reads from the calls. A database without the table, or never sealed, is read from
 * the calls entirely: the rollup only ever changes speed.
 */
public final class CallRollup {

    /** The rollup's resolution: the finish times of a slot's calls are in {@code [slot, slot + SLOT)}. */
    public static final Duration SLOT = Duration.ofSeconds(30);

    /**
     * The least span of sealed slots worth reading from the rollup when the range has edges: an edge
     * read from the calls costs about 70 ms whatever its length (at 12.6M calls: finding the calls
     * that finished in it reads most of the summary's recent granules), an hour of calls 224 ms and an
     * hour of slots 30 ms; so a range shorter than this is read from the calls alone. Without edges, always.
     */
    public static final Duration MIN_SPAN = Duration.ofMinutes(30);

    private static final String TABLE = Schema.ROLLUP_TABLE;

    private final String database;
    private final Instant sealedUntil;

    private CallRollup(String database, Instant sealedUntil) {
        this.database = Schema.requireDatabaseName(database);
        this.sealedUntil = sealedUntil;
    }

    /** A rollup that covers nothing: every range is read from the calls. */
    public static CallRollup none(String database) {
        return new CallRollup(database, null);
    }

    /** The rollup beside {@code attempts}' summary (Callscope's, or an accelerated mapping's); none without a summary. */
    public static CallRollup of(QueryExecutor engine, AttemptRows attempts) {
        return attempts.summarized() ? of(engine, attempts.database()) : none(attempts.database());
    }

    /** What {@code database} has sealed (one small catalog read). */
    public static CallRollup of(QueryExecutor engine, String database) {
        return new CallRollup(
                database,
                readSealedUntil(engine, Schema.requireDatabaseName(database)).orElse(null));
    }

    /**
     * The end of the sealed slots: the slot after the newest one holding calls. Slots after it
     * that were sealed empty are read from the calls again, which costs nothing and picks up anything
     * that arrived since.
     */
    private static Optional<Instant> readSealedUntil(QueryExecutor engine, String db) {
        // the catalog first: no parts (or no table) means nothing sealed, with no table read (on a
        // cluster the parts are the shard's own table's, under the Distributed one: ClusterLayout)
        String parts = engine.query(
                        Query.of("""
                SELECT count() FROM system.parts
                WHERE database = {db:String} AND table IN ({t:String}, {t:String} || '_local') AND active""").bind("db", db).bind("t", TABLE), rows -> rows.next() ? rows.getString(1) : "0")
                .value();
        if ("0".equals(parts)) {
            return Optional.empty();
        }
        // the end of the newest run's window: slots after the newest one holding calls up to it were
        // sealed empty, so a range ending at the data's end needs no edge read from the calls
        try {
            String through = engine.query(
                            // on a cluster each shard seals its own calls: the rollup is sealed only as far as
                            // the shard that is furthest behind (one group on a single server)
                            Query.of(
                                    "SELECT toUnixTimestamp(min(through)) FROM (SELECT max(sealed_through) AS through FROM "
                                            + db + "." + TABLE + " GROUP BY shardNum())"),
                            rows -> rows.next() ? rows.getString(1) : null)
                    .value();
            return Optional.ofNullable(through).map(s -> Instant.ofEpochSecond(Long.parseLong(s)));
        } catch (EngineException e) {
            if (e.isCancelled()) {
                throw e;
            }
            // a rollup of an earlier version (an acceleration made before it had the column): up to
            // the slot after its newest one, from the parts' partition min/max
            String max = engine.query(
                            Query.of("""
                    SELECT toUnixTimestamp(max(max_time)) FROM system.parts
                    WHERE database = {db:String} AND table = {t:String} AND active""").bind("db", db).bind("t", TABLE),
                            rows -> rows.next() ? rows.getString(1) : null)
                    .value();
            return Optional.ofNullable(max)
                    .map(s -> Instant.ofEpochSecond(Long.parseLong(s)).plus(SLOT));
        }
    }

    /** The rollup read as if sealed only before {@code until} (at most its real seal): for tests of the edges. */
    public static CallRollup sealedBefore(String database, Instant until) {
        return new CallRollup(database, until);
    }

    public Optional<Instant> sealedUntil() {
        return Optional.ofNullable(sealedUntil);
    }

    /**
     * How {@code range} splits: the whole slots the rollup answers, and the edges before and after
     * them read from the calls (either may be empty). Empty when the rollup answers none of it, or
     * when the range has edges and less than {@link #MIN_SPAN} of slots.
     */
    public Optional<Split> split(TimeRange range) {
        if (sealedUntil == null) {
            return Optional.empty();
        }
        Instant a = ceilSlot(range.from());
        Instant b = min(floorSlot(range.to()), sealedUntil);
        boolean edges = range.from().isBefore(a) || b.isBefore(range.to());
        if (!a.isBefore(b) || edges && Duration.between(a, b).compareTo(MIN_SPAN) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Split(
                range.from().isBefore(a) ? new TimeRange(range.from(), a) : null,
                new TimeRange(a, b),
                b.isBefore(range.to()) ? new TimeRange(b, range.to()) : null));
    }

    /** A range as rollup slots plus the edges read from the calls (null when empty). */
    public record Split(TimeRange head, TimeRange slots, TimeRange tail) {

        /** The edges that need the calls. */
        public List<TimeRange> edges() {
            List<TimeRange> out = new ArrayList<>(2);
            if (head != null) {
                out.add(head);
            }
            if (tail != null) {
                out.add(tail);
            }
            return out;
        }
    }

    /**
     * The rollup's rows of {@code split}'s slots (of {@code functionIds} when not empty) as a
     * relation: {@code database.function_call_rollup FINAL} with its condition. A slot sealed again
     * (late events) has a newer row that replaces the older one ({@code performance.RollupRefresh}).
     */
    public SqlPart slots(Split split, List<String> functionIds) {
        SqlPart where = SqlPart.format(
                "slot >= %s AND slot < %s",
                SqlPart.time("slot_from", split.slots().from()),
                SqlPart.time("slot_to", split.slots().to()));
        if (!functionIds.isEmpty()) {
            where = SqlPart.format("%s AND function_id IN %s", where, SqlPart.strings("fns", functionIds));
        }
        // FINAL merges only within a partition (a day of slots): merged days are read without merging
        return SqlPart.format("%s FINAL WHERE %s", database + "." + TABLE, where)
                .withSetting("do_not_merge_across_partitions_select_final", "1");
    }

    public static Instant floorSlot(Instant t) {
        long slot = SLOT.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), slot) * slot);
    }

    /** {@code range} widened to whole slots: at most one slot more at each end. */
    public static TimeRange wholeSlots(TimeRange range) {
        return new TimeRange(floorSlot(range.from()), ceilSlot(range.to()));
    }

    /** The end of the slot {@code t} falls in ({@code t} itself on a slot boundary). */
    public static Instant ceilSlot(Instant t) {
        Instant f = floorSlot(t);
        return f.equals(t) ? f : f.plus(SLOT);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
