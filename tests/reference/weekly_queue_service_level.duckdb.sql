-- Hand-written reference for reports/weekly_queue_service_level.yaml, as of Wednesday
-- 2026-04-15: the current ISO week starts on Monday 2026-04-13, so the last 8 weeks start on
-- Monday 2026-02-23 and end before Monday 2026-04-20.
SELECT
  date_trunc('week', distribution_date) AS week,
  queue,
  count(*) AS offered,
  sum(CASE WHEN interaction_status = 'treated' AND wait_time <= 30 THEN 1 ELSE 0 END) AS answered_in_30s,
  sum(CASE WHEN interaction_status = 'treated' AND wait_time <= 30 THEN 1 ELSE 0 END) / count(*) AS service_level,
  min(wait_time) AS shortest_wait,
  max(wait_time) AS longest_wait,
  sum(exchange_time) AS total_exchange_time
FROM incoming_message_distributions
WHERE distribution_date >= TIMESTAMP '2026-02-23 00:00:00'
  AND distribution_date < TIMESTAMP '2026-04-20 00:00:00'
  AND NOT (detailed_interaction_status = 'abandoned' AND wait_time < 5)
  AND queue IS NOT NULL
GROUP BY ALL
