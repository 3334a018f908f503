-- Log lines for one function's started attempts, generated inside the engine from the events
-- already loaded, so every line belongs to a real call and container and lies strictly inside its
-- run interval (started .. finished, or .. the workload's end while still running).
-- Deterministic: every choice comes from cityHash64(seed, call, attempt, line).
INSERT INTO {db}.function_logs (timestamp, app_id, function_id, function_call_id, container_id, stream, level, message)
SELECT
    fromUnixTimestamp64Micro(start_us + 1 + toInt64(floor((end_us - start_us - 2) * ((i + (h % 1000000) / 1e6) / {n:UInt32}))), 'UTC'),
    app_id, {function_id:String}, function_call_id, container_id,
    line.1, line.2, line.3
FROM
(
    SELECT
        function_call_id, attempt,
        any(app_id) AS app_id,
        any(function_name) AS fname,
        any(memory_mib) AS mem,
        any(gpu_type) AS gpu,
        anyIf(container_id, event_type = 'started') AS container_id,
        anyIf(is_cold_start, event_type = 'started') AS cold,
        toUnixTimestamp64Micro(minIf(event_at, event_type = 'started')) AS start_us,
        countIf(event_type = 'finished') > 0 AS done,
        if(done, toUnixTimestamp64Micro(minIf(event_at, event_type = 'finished')),
           toUnixTimestamp64Micro({end:DateTime64(6, 'UTC')})) AS end_us,
        if(done, toString(anyIf(status, event_type = 'finished')), 'pending') AS final_status,
        anyIf(error, event_type = 'finished') AS err
    FROM {db}.function_call_events
    WHERE function_id = {function_id:String} AND function_call_id != '' AND event_type IN ('started', 'finished')
    GROUP BY function_call_id, attempt
    HAVING countIf(event_type = 'started') > 0 AND end_us - start_us >= 2
)
ARRAY JOIN range({n:UInt32}) AS i
ARRAY JOIN [cityHash64({seed:UInt64}, function_call_id, attempt, i)] AS h
ARRAY JOIN [multiIf(
    i = {n:UInt32} - 1 AND final_status = 'failure',
        ('stderr', 'ERROR', concat('Traceback (most recent call last):\n  File "/root/app.py", line ', toString(40 + h % 200),
            ', in ', fname, '\n    result = model(**inputs)\n',
            '  File "/usr/local/lib/python3.12/site-packages/torch/nn/modules/module.py", line 1751, in _wrapped_call_impl\n',
            '    return self._call_impl(*args, **kwargs)\n', err)),
    i = {n:UInt32} - 1 AND final_status = 'timeout',
        ('system', 'ERROR', concat('Function call timed out; sending SIGKILL to container ', container_id, '. ', err)),
    i = {n:UInt32} - 1 AND final_status = 'terminated',
        ('system', 'WARNING', 'Received SIGTERM: app stopped by user, shutting down gracefully'),
    i = 0,
        ('system', 'INFO', concat('Starting ', fname, ' on container ', container_id,
            if(cold, ' after cold start', ' (warm container)'))),
    h % 4999 = 7,
        ('stdout', 'DEBUG', concat('payload dump: ', repeat('{"token_ids": [101, 2023, 2003, 1037, 7099], "score": 0.8731}, ', 180))),
    gpu != '' AND h % 997 = 5,
        ('stderr', 'CRITICAL', concat('CRITICAL: NVRM: Xid 79 on ', gpu, ' GPU 0: GPU has fallen off the bus; retrying collective')),
    intDiv(h, 1048576) % 16 = 6,
        ('stdout', 'DEBUG', concat('cache hit ratio 0.', toString(h % 100), ', kv blocks used ', toString(h % 4096), '/4096')),
    intDiv(h, 1048576) % 16 = 7,
        ('stderr', 'WARNING', 'UserWarning: TypedStorage is deprecated. It will be removed in the future and UntypedStorage will be the only storage class.'),
    intDiv(h, 1048576) % 16 = 8,
        ('stdout', 'INFO', concat('Résumé généré ✓ — 日本語の要約を保存しました 🚀 (', toString(h % 100), ' 件, naïve café)')),
    intDiv(h, 1048576) % 16 = 9,
        ('stderr', 'WARNING', concat('retrying after transient error (attempt ', toString(1 + h % 4), '/5): upstream returned 502 Bad Gateway')),
    intDiv(h, 1048576) % 16 = 10,
        ('stdout', 'INFO', concat('loaded weights from /models/', fname, '/model-0000', toString(1 + h % 8), '-of-00008.safetensors in ',
            toString(round((h % 5000) / 1000, 2)), 's')),
    intDiv(h, 1048576) % 16 = 11,
        ('stderr', 'ERROR', concat('ERROR:root:failed to upload result to s3://callscope-demo/out/', lower(hex(h)), '.json: Read timeout (will retry)')),
    intDiv(h, 1048576) % 16 = 12,
        ('system', 'INFO', concat('Memory usage: ', toString(h % greatest(mem, 1)), ' MiB of ', toString(mem), ' MiB')),
    {kind:String} = 'TRAINING',
        ('stdout', 'INFO', concat('step ', toString(i * 50 + h % 50), '/100000 loss=', toString(round(1.2 + (h % 1000) / 1000, 4)),
            ' lr=3.0e-04 grad_norm=', toString(round((h % 300) / 100, 3)), ' tokens/s=', toString(20000 + h % 9000))),
    {kind:String} = 'BATCH',
        ('stdout', 'INFO', concat('processed shard ', toString(h % 4096), ': ', toString(1000 + h % 50000), ' records')),
    {kind:String} = 'WEB',
        ('stdout', 'INFO', concat('GET /api/v1/items/', toString(h % 100000), ' 200 in ', toString(h % 400), ' ms')),
    {kind:String} = 'PIPELINE',
        ('stdout', 'INFO', concat('step ', toString(i), ': subprocess exited with code 0 after ', toString(h % 3000), ' ms')),
        ('stdout', 'INFO', concat('request_id=', lower(hex(h)), ' processed ', toString(h % 2048), ' tokens in ',
            toString(h % 900), ' ms (batch=', toString(1 + h % 32), ')'))
)] AS line
SETTINGS max_insert_threads = 2
