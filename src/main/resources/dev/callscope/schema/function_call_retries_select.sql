SELECT function_id, enqueued_at, function_call_id, toUInt16(1) AS attempt, true AS retried, now64(3, 'UTC') AS updated_at
FROM (
    -- an inner query, so that `attempt` here is the column and not the alias above
    SELECT function_id, enqueued_at, function_call_id
    FROM {events}
    WHERE function_call_id != '' AND attempt > 1)
GROUP BY function_id, enqueued_at, function_call_id
