-- One row per lifecycle event of a function call, or of a container (function_call_id = '').
-- Rows are partial: each carries what its stage knows; a call is rebuilt with GROUP BY function_call_id.
-- Duplicate deliveries (same key) collapse to the row with the highest ingested_at.
CREATE TABLE IF NOT EXISTS {db}.function_call_events
(
    function_id         LowCardinality(String),
    function_call_id    String,
    event_at            DateTime64(6, 'UTC'),
    event_type          Enum8('queued' = 1, 'container_assigned' = 2, 'cold_start_begin' = 3, 'cold_start_end' = 4,
                              'started' = 5, 'finished' = 6, 'retried' = 7, 'container_started' = 8,
                              'container_stopped' = 9),
    app_id              LowCardinality(String),
    app_name            LowCardinality(String),
    function_name       LowCardinality(String),
    attempt             UInt16,
    container_id        String,
    is_cold_start       Bool,
    enqueued_at         DateTime64(6, 'UTC'),
    cold_start_began_at Nullable(DateTime64(6, 'UTC')),
    cold_start_ended_at Nullable(DateTime64(6, 'UTC')),
    started_at          Nullable(DateTime64(6, 'UTC')),
    finished_at         Nullable(DateTime64(6, 'UTC')),
    status              Enum8('pending' = 0, 'success' = 1, 'failure' = 2, 'timeout' = 3, 'init_failure' = 4,
                              'terminated' = 5),
    gpu_type            LowCardinality(String),
    gpu_count           UInt8,
    cpu_cores           Float32,
    memory_mib          UInt32,
    error               String,
    ingested_at         DateTime64(6, 'UTC'),
    -- the call graph: the call that spawned this one ('' for a root) and the root of its tree
    -- (the root's own id on the root; '' where the writer records no tree)
    parent_call_id      String DEFAULT '',
    root_call_id        String DEFAULT '',
    -- a batch job (a .map over inputs): its id (ba-…) and this call's input; '' and 0 outside one
    batch_id            String DEFAULT '',
    input_index         UInt32 DEFAULT 0,
    INDEX call_id_bf function_call_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX root_call_bf root_call_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX batch_bf batch_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX container_id_bf container_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toDate(event_at)
ORDER BY (function_id, function_call_id, event_at)
-- a day no event arrives for any more is merged into one part an hour later (schema.QuietDays)
SETTINGS min_age_to_force_merge_seconds = 3600, min_age_to_force_merge_on_partition_only = 1
