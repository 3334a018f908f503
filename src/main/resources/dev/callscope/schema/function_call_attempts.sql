-- One row per attempt of a call, kept up to date from function_call_events by two materialized views.
-- Each column is a min/max over the attempt's events (SimpleAggregateFunction), so partial rows from
-- different inserts, out-of-order arrivals and duplicate deliveries all merge to the same attempt.
-- `retried` is set on attempt 1 once any later attempt is seen, so a reader can take the calls that
-- ran once (almost all) flat and group only the retried ones.
-- Read it with FINAL (and do_not_merge_across_partitions_select_final = 1): a merged partition costs
-- nothing extra. Every event of a call carries the same enqueued_at, so it can be part of the key:
-- a time range is a key range within each function, and a call's rows share one partition.
CREATE TABLE IF NOT EXISTS {db}.function_call_attempts
(
    function_id         LowCardinality(String),
    function_call_id    String,
    attempt             UInt16,
    enqueued_at         DateTime64(6, 'UTC'),
    queued_at           SimpleAggregateFunction(min, Nullable(DateTime64(6, 'UTC'))),
    container_id        SimpleAggregateFunction(max, String),
    cold_start_began_at SimpleAggregateFunction(min, Nullable(DateTime64(6, 'UTC'))),
    cold_start_ended_at SimpleAggregateFunction(min, Nullable(DateTime64(6, 'UTC'))),
    started_at          SimpleAggregateFunction(min, Nullable(DateTime64(6, 'UTC'))),
    finished_at         SimpleAggregateFunction(max, Nullable(DateTime64(6, 'UTC'))),
    is_cold_start       SimpleAggregateFunction(max, Bool),
    status              SimpleAggregateFunction(max, Enum8('pending' = 0, 'success' = 1, 'failure' = 2, 'timeout' = 3,
                                                           'init_failure' = 4, 'terminated' = 5)),
    app_id              SimpleAggregateFunction(max, LowCardinality(String)),
    app_name            SimpleAggregateFunction(max, LowCardinality(String)),
    function_name       SimpleAggregateFunction(max, LowCardinality(String)),
    gpu_type            SimpleAggregateFunction(max, LowCardinality(String)),
    gpu_count           SimpleAggregateFunction(max, UInt8),
    cpu_cores           SimpleAggregateFunction(max, Float32),
    memory_mib          SimpleAggregateFunction(max, UInt32),
    retried             SimpleAggregateFunction(max, Bool),
    -- when an event of this attempt last arrived (the views' insert time): the rollup's refresh
    -- re-seals the slots of calls that changed since its previous run, however late they arrive
    updated_at          SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    -- the call graph and batch jobs (see function_call_events): a tree or a job is found by its bloom filter
    parent_call_id      SimpleAggregateFunction(max, String),
    root_call_id        SimpleAggregateFunction(max, String),
    batch_id            SimpleAggregateFunction(max, String),
    input_index         SimpleAggregateFunction(max, UInt32),
    -- "finished in this hour" reads only granules whose calls could have finished in it
    INDEX finished_minmax finished_at TYPE minmax GRANULARITY 1,
    -- the same without the unfinished: finished_minmax keeps a granule holding a running attempt (NULL) as reaching
    -- to +inf, so "finished in a window" could never skip the recent granules; readers add
    -- assumeNotNull(finished_at) >= from (a NULL reads as 1970 here; whatever it read as, the row fails
    -- finished_at >= from, so the answer never depends on it) and this index skips them
    INDEX finished_known_minmax assumeNotNull(finished_at) TYPE minmax GRANULARITY 1,
    INDEX updated_minmax updated_at TYPE minmax GRANULARITY 1,
    INDEX root_call_bf root_call_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX batch_bf batch_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = AggregatingMergeTree
PARTITION BY toDate(enqueued_at)
ORDER BY (function_id, enqueued_at, function_call_id, attempt)
-- a day no event arrives for any more is merged into one part by the server an hour after its last
-- insert, so FINAL over it merges nothing (do_not_merge_across_partitions_select_final). A
-- pipeline's many INSERTs otherwise leave several parts a day, and calls that queued for hours put
-- old enqueue times into every new part: their key ranges overlap, and FINAL merges them each read
SETTINGS min_age_to_force_merge_seconds = 3600, min_age_to_force_merge_on_partition_only = 1
