-- Finished calls rolled up per function and per 30-second slot of their finish, for the Performance
-- and Functions tabs. Holds the same numbers the per-call latency rows give (counts by outcome; per
-- latency the exact quantile state, i.e. every value, a t-digest state, sum and max), so merging
-- slots gives exact percentiles without reading a row per call.
-- Written by the server itself: the refreshable view function_call_rollup_refresh (every 30 s,
-- performance.RollupRefresh) seals each new slot once it is a minute old, and seals again every
-- slot holding a call whose events arrived since its previous run, however late. A re-sealed slot
-- is a whole new row (sealed_at is its version): read with FINAL. A reader takes slots up to the
-- newest sealed one from here and the rest from the calls, so an unsealed or missing rollup only
-- costs speed, never correctness. Each run also writes an empty row for function_id '' in its
-- window's last slot, so sealed_through moves on through quiet spells.
CREATE TABLE IF NOT EXISTS {db}.function_call_rollup
(
    function_id     LowCardinality(String),
    slot            DateTime('UTC'),
    calls           SimpleAggregateFunction(sum, UInt64),
    successes       SimpleAggregateFunction(sum, UInt64),
    failures        SimpleAggregateFunction(sum, UInt64),
    timeouts        SimpleAggregateFunction(sum, UInt64),
    other_failures  SimpleAggregateFunction(sum, UInt64),
    cold_starts     SimpleAggregateFunction(sum, UInt64),
    queue_exact     AggregateFunction(quantilesExact(0.5, 0.9, 0.99), Float64),
    queue_tdigest   AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64),
    queue_sum       SimpleAggregateFunction(sum, Float64),
    queue_max       SimpleAggregateFunction(max, Float64),
    cold_exact      AggregateFunction(quantilesExact(0.5, 0.9, 0.99), Float64),
    cold_tdigest    AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64),
    cold_sum        SimpleAggregateFunction(sum, Float64),
    cold_max        SimpleAggregateFunction(max, Float64),
    run_exact       AggregateFunction(quantilesExact(0.5, 0.9, 0.99), Float64),
    run_tdigest     AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64),
    run_sum         SimpleAggregateFunction(sum, Float64),
    run_max         SimpleAggregateFunction(max, Float64),
    e2e_exact       AggregateFunction(quantilesExact(0.5, 0.9, 0.99), Float64),
    e2e_tdigest     AggregateFunction(quantilesTDigest(0.5, 0.9, 0.99), Float64),
    e2e_sum         SimpleAggregateFunction(sum, Float64),
    e2e_max         SimpleAggregateFunction(max, Float64),
    sealed_at       DateTime64(6, 'UTC'),
    -- the end of the window the run that wrote this row sealed: every slot before it is complete,
    -- those without a row held no finished call
    sealed_through  DateTime('UTC')
)
ENGINE = ReplacingMergeTree(sealed_at)
PARTITION BY toDate(slot)
ORDER BY (function_id, slot)
-- rows are fat (a state holds every value of its slot): small granules keep an hour from
-- decompressing the states of the slots around it
-- a day the view no longer seals into is merged into one part an hour later (as the summary)
SETTINGS index_granularity = 128, min_age_to_force_merge_seconds = 3600, min_age_to_force_merge_on_partition_only = 1
-- the version Schema.addRollup checks; another is rebuilt
COMMENT 'v3'
