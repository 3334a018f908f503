package dev.callscope.calls;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The functions a mapping expression may call: pure functions of one row's values (conversion,
 * time, conditionals, strings, JSON, arrays, maps, arithmetic). Everything else is refused before
 * the expression reaches a server, above all what reads outside the row: table functions
 * ({@code file}, {@code url}, {@code remote}, {@code s3}, {@code executable}), dictionaries and joins
 * ({@code dictGet}, {@code joinGet}), the session ({@code currentUser}), and what can exhaust the server
 * ({@code randomString}, {@code sleep}) or change the row count ({@code arrayJoin}). {@code readonly=2}
 * alone would allow the table functions.
 */
final class MappingFunctions {

    private static final Set<String> ALLOWED = lower(Set.of(
            // conditionals and NULLs
            "if",
            "multiIf",
            "transform",
            "coalesce",
            "ifNull",
            "nullIf",
            "assumeNotNull",
            "isNull",
            "isNotNull",
            "toNullable",
            "greatest",
            "least",
            "and",
            "or",
            "not",
            "xor",
            // comparison and arithmetic
            "equals",
            "notEquals",
            "less",
            "greater",
            "lessOrEquals",
            "greaterOrEquals",
            "plus",
            "minus",
            "multiply",
            "divide",
            "intDiv",
            "intDivOrZero",
            "modulo",
            "negate",
            "abs",
            "round",
            "floor",
            "ceil",
            "trunc",
            "sign",
            // time
            "fromUnixTimestamp",
            "fromUnixTimestamp64Second",
            "fromUnixTimestamp64Milli",
            "fromUnixTimestamp64Micro",
            "fromUnixTimestamp64Nano",
            "parseDateTimeBestEffort",
            "parseDateTimeBestEffortOrNull",
            "parseDateTime64BestEffort",
            "parseDateTime64BestEffortOrNull",
            "parseDateTime",
            "parseDateTimeOrNull",
            "parseDateTime64",
            "parseDateTime64OrNull",
            "addSeconds",
            "addMilliseconds",
            "addMicroseconds",
            "addNanoseconds",
            "addMinutes",
            "addHours",
            "subtractSeconds",
            "subtractMilliseconds",
            "subtractMicroseconds",
            "subtractMinutes",
            "subtractHours",
            "dateDiff",
            "date_diff",
            "timeDiff",
            "toTimeZone",
            "toStartOfSecond",
            // strings
            "lower",
            "upper",
            "lowerUTF8",
            "upperUTF8",
            "concat",
            "concatWithSeparator",
            "substring",
            "substr",
            "substringUTF8",
            "left",
            "right",
            "trim",
            "trimBoth",
            "trimLeft",
            "trimRight",
            "replaceAll",
            "replaceOne",
            "replace",
            "replaceRegexpOne",
            "replaceRegexpAll",
            "extract",
            "splitByChar",
            "splitByString",
            "startsWith",
            "endsWith",
            "position",
            "positionCaseInsensitive",
            "match",
            "like",
            "ilike",
            "notLike",
            "empty",
            "notEmpty",
            "length",
            "lengthUTF8",
            "leftPad",
            "rightPad",
            "reverse",
            "format",
            // JSON inside a column
            "JSONExtractString",
            "JSONExtractInt",
            "JSONExtractUInt",
            "JSONExtractFloat",
            "JSONExtractBool",
            "JSONExtractRaw",
            "JSONHas",
            "simpleJSONExtractString",
            "simpleJSONExtractInt",
            "simpleJSONExtractUInt",
            "simpleJSONExtractFloat",
            "simpleJSONExtractBool",
            "simpleJSONExtractRaw",
            "visitParamExtractString",
            "visitParamExtractInt",
            "visitParamExtractUInt",
            "visitParamExtractFloat",
            "visitParamExtractRaw",
            // arrays, maps, tuples of the row
            "arrayElement",
            "has",
            "hasAny",
            "hasAll",
            "indexOf",
            "arrayMap",
            "arrayFilter",
            "arrayFirst",
            "arrayLast",
            "arrayMin",
            "arrayMax",
            "arraySum",
            "arrayCount",
            "arrayExists",
            "arrayStringConcat",
            "array",
            "tuple",
            "tupleElement",
            "map",
            "mapContains",
            "mapKeys",
            "mapValues",
            "CAST",
            "accurateCast",
            "accurateCastOrNull",
            "reinterpretAsString",
            "hex",
            "unhex"));

    /**
     * The type conversions: {@code toString}, {@code toUInt16OrZero}, {@code toDateTime64OrNull},
     * {@code toUnixTimestamp64Milli}, {@code toLowCardinality} …
     */
    private static final Pattern CONVERSIONS = Pattern.compile(
            "to(u?int(8|16|32|64|128|256)|float(32|64)|decimal(32|64|128|256)?|string|fixedstring|date|date32|datetime"
                    + "|datetime64|uuid|bool|boolean|lowcardinality|nullable|unixtimestamp|unixtimestamp64(second|milli|micro|nano)"
                    + "|typename|startofsecond|startofminute|startofhour|startofday|ipv4|ipv6)(orzero|ornull|ordefault)?");

    private MappingFunctions() {}

    static boolean allowed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALLOWED.contains(lower) || CONVERSIONS.matcher(lower).matches();
    }

    private static Set<String> lower(Set<String> names) {
        return Set.copyOf(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }
}
