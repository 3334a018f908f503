package dev.callscope.ids;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Prefixed ULIDs as Modal spells them: {@code ap-} apps, {@code fu-} functions, {@code fc-} calls,
 * {@code ta-} containers (tasks).
 *
 * <p>A ULID starts with its millisecond timestamp in Crockford base32, so ids sort as text in time
 * order. A call's time part is its enqueue time, which makes a range of call ids a range of enqueue
 * times: {@link #lowerBound}/{@link #upperBound} turn a time range into primary-key bounds on
 * {@code function_call_id}.
 */
public final class CallscopeIds {

    /** The kinds of object that carry an id, with their prefixes. */
    public enum Kind {
        APP("ap-"),
        FUNCTION("fu-"),
        CALL("fc-"),
        CONTAINER("ta-"),
        BATCH("ba-");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        /** The kind whose prefix {@code id} starts with, or null. */
        public static Kind of(String id) {
            if (id != null) {
                for (Kind k : values()) {
                    if (id.startsWith(k.prefix)) {
                        return k;
                    }
                }
            }
            return null;
        }
    }

    private static final int ULID_CHARS = 26;

    private CallscopeIds() {}

    /** A new id with the current time and secure random bits. */
    public static String next(Kind kind) {
        return kind.prefix + UlidCreator.getUlid();
    }

    /**
     * A reproducible id: {@code epochMillis} as the time part and 80 bits drawn from {@code random},
     * so a seeded generator yields the same ids on every run.
     */
    public static String at(Kind kind, long epochMillis, RandomGenerator random) {
        // Ulid(msb, lsb): the top 48 bits of msb are the time, the remaining 80 bits are random.
        long msb = (epochMillis << 16) | (random.nextLong() & 0xFFFFL);
        return kind.prefix + new Ulid(msb, random.nextLong());
    }

    /** The instant encoded in an id's time part (millisecond precision). */
    public static Instant instantOf(String id) {
        return Instant.ofEpochMilli(ulidOf(id).getTime());
    }

    /** True for a well-formed id of this kind. */
    public static boolean isValid(Kind kind, String id) {
        return id != null
                && id.startsWith(kind.prefix)
                && id.length() == kind.prefix.length() + ULID_CHARS
                && Ulid.isValid(id.substring(kind.prefix.length()));
    }

    /** A call id as typed, with or without its {@code fc-} prefix, in any case; null when it is not one. */
    public static String parseCall(String typed) {
        String t = typed.strip();
        String body = t.regionMatches(true, 0, Kind.CALL.prefix, 0, Kind.CALL.prefix.length())
                ? t.substring(Kind.CALL.prefix.length())
                : t;
        String id = Kind.CALL.prefix + body.toUpperCase(Locale.ROOT);
        return isValid(Kind.CALL, id) ? id : null;
    }

    /** The smallest id of this kind whose time is {@code from} (inclusive bound for {@code id >= ?}). */
    public static String lowerBound(Kind kind, Instant from) {
        return kind.prefix + Ulid.min(from.toEpochMilli());
    }

    /**
     * {@link #lowerBound} as SQL over a {@code DateTime64} expression, for a bound only known inside
     * a statement (a scalar subquery): the id's ten-character Crockford base-32 time, then zeros.
     */
    public static String lowerBoundSql(Kind kind, String time) {
        return "concat('" + kind.prefix
                + "', arrayStringConcat(arrayMap(i -> substring('0123456789ABCDEFGHJKMNPQRSTVWXYZ', "
                + "toUInt8(bitAnd(bitShiftRight(toUInt64(toUnixTimestamp64Milli(" + time
                + ")), 45 - 5 * i), 31)) + 1, 1), "
                + "range(10))), '0000000000000000')";
    }

    /** The largest id of this kind whose time is {@code to}'s millisecond (inclusive bound for {@code id <= ?}). */
    public static String upperBound(Kind kind, Instant to) {
        return kind.prefix + Ulid.max(to.toEpochMilli());
    }

    private static Ulid ulidOf(String id) {
        Objects.requireNonNull(id, "id");
        Kind kind = Kind.of(id);
        if (kind == null || !isValid(kind, id)) {
            throw new IllegalArgumentException("Not a Callscope id: " + id);
        }
        return Ulid.from(id.substring(kind.prefix.length()));
    }
}
