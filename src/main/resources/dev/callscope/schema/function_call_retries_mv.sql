-- Marks attempt 1 of a call in function_call_attempts as retried when a later attempt's event arrives.
CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.function_call_retries_mv TO {db}.function_call_attempts AS
{select}
