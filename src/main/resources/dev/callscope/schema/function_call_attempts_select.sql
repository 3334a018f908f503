SELECT function_id, enqueued_at, function_call_id, attempt,
       minIf(toNullable(event_at), event_type IN ('queued', 'retried'))  AS queued_at,
       max(container_id)                                                 AS container_id,
       min(cold_start_began_at)                                          AS cold_start_began_at,
       min(cold_start_ended_at)                                          AS cold_start_ended_at,
       min(started_at)                                                   AS started_at,
       max(finished_at)                                                  AS finished_at,
       max(is_cold_start)                                                AS is_cold_start,
       maxIf(status, event_type = 'finished')                            AS status,
       max(app_id) AS app_id, max(app_name) AS app_name, max(function_name) AS function_name,
       max(gpu_type) AS gpu_type, max(gpu_count) AS gpu_count, max(cpu_cores) AS cpu_cores, max(memory_mib) AS memory_mib,
       now64(3, 'UTC') AS updated_at,
       max(parent_call_id) AS parent_call_id, max(root_call_id) AS root_call_id,
       max(batch_id) AS batch_id, max(input_index) AS input_index
FROM {events}
WHERE function_call_id != ''
GROUP BY function_id, enqueued_at, function_call_id, attempt
