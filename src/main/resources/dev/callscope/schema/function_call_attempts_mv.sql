-- Folds each insert into function_call_events into function_call_attempts (see that table).
CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.function_call_attempts_mv TO {db}.function_call_attempts AS
{select}
