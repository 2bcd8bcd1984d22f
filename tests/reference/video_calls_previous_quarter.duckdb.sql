-- Hand-written reference for reports/video_calls_previous_quarter.yaml: as of 2026-04-15 the
-- previous quarter is January to March 2026. Durations are stored in seconds.
SELECT
  queue,
  count(*) AS video_calls,
  sum(CASE WHEN video_call_duration >= 300 AND video_call_duration <= 5400 THEN 1 ELSE 0 END) AS long_calls,
  sum(CASE WHEN video_call_duration >= 300 AND video_call_duration <= 5400 THEN 1 ELSE 0 END) / count(*) AS long_call_share,
  sum(video_call_duration) AS total_video_time,
  avg(video_call_wait_time) AS avg_agent_wait,
  max(video_call_wait_time) AS max_agent_wait,
  avg(CASE WHEN video_call_duration > 1800 THEN video_call_wait_time END) AS avg_agent_wait_long_calls
FROM messages
WHERE session_start >= TIMESTAMP '2026-01-01' AND session_start < TIMESTAMP '2026-04-01'
  AND call_switched_to_video
  AND video_call_wait_time * 1000 >= 250
  AND session_end IS NOT NULL
GROUP BY queue
