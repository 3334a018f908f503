package dev.callscope.calls;

import dev.callscope.engine.Query;
import dev.callscope.engine.QueryExecutor;
import dev.callscope.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the summary {@code callscope accelerate} keeps on the server for a mapping of a user's own
 * table (the writing half is {@code acceleration.UserTableAcceleration}). Its materialized view
 * carries a comment naming the mapping by a fingerprint of the SQL it reads the table with, so a
 * summary is used only for exactly the mapping it was made from: change an expression and the
 * views read the table raw again until it is accelerated anew.
 */
public final class Acceleration {

    /** The comment's first word; the rest is the fingerprint and the table. */
    public static final String MARKER = "callscope-accelerate-v1";

    private Acceleration() {}

    /** The comment the summary's view carries for {@code events}. */
    public static String comment(EventSchema events) {
        return MARKER + " " + fingerprint(events) + " " + events.qualifiedTable();
    }

    /** A short hash of how the mapping reads the table (its table and every expression). */
    public static String fingerprint(EventSchema events) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(events.relation().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database holding an accelerated summary of exactly this mapping, if there is one (one catalog read). */
    public static Optional<String> find(QueryExecutor engine, EventSchema events) {
        if (events.canonical()) {
            return Optional.empty();
        }
        String db = engine.query(findQuery(events), rows -> rows.next() ? rows.getString(1) : null)
                .value();
        return Optional.ofNullable(db);
    }

    /** {@link #find}'s catalog read, for a caller that runs it itself (a view's background runner): one row, the database, or none. */
    public static Query findQuery(EventSchema events) {
        return Query.of("SELECT database FROM system.tables WHERE name = {v:String} AND comment = {c:String}"
                        + " ORDER BY database LIMIT 1")
                .bind("v", Schema.ATTEMPTS_VIEW)
                .bind("c", comment(events));
    }
}
