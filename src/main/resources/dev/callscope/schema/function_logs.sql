-- Log lines of calls and containers. Ordered by time alone: a time window then reads only its own
-- granules (a key led by toStartOfFiveMinutes(timestamp) did not prune DateTime64 ranges; see BENCHMARKS.md).
-- The text index lower-cases messages, so hasToken(message, 'error') matches ERROR and Error too.
CREATE TABLE IF NOT EXISTS {db}.function_logs
(
    timestamp        DateTime64(6, 'UTC'),
    app_id           LowCardinality(String),
    function_id      LowCardinality(String),
    function_call_id String,
    container_id     String,
    stream           Enum8('stdout' = 1, 'stderr' = 2, 'system' = 3),
    level            Enum8('DEBUG' = 1, 'INFO' = 2, 'WARNING' = 3, 'ERROR' = 4, 'CRITICAL' = 5),
    message          String,
    -- the time to the second, for the match histogram: delta-coded it reads 8x faster than timestamp
    -- (sorted microseconds barely compress), and its minmax index finds a range's granules
    timestamp_second DateTime('UTC') MATERIALIZED toDateTime(timestamp) CODEC(Delta, LZ4),
    -- each line's pattern (schema.PatternRules), what the Patterns view groups by: written on insert
    -- (about a microsecond a line); few distinct values, so it reads about as fast as the level
    message_pattern  LowCardinality(String) MATERIALIZED {pattern} COMMENT '{pattern_version}',
    INDEX timestamp_second_minmax timestamp_second TYPE minmax GRANULARITY 1,
    INDEX message_text message TYPE text(tokenizer = splitByNonAlpha, preprocessor = lower(message)),
    INDEX call_id_bf function_call_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = MergeTree
PARTITION BY toDate(timestamp)
ORDER BY timestamp
