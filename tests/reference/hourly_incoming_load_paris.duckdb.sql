-- Hand-written reference for reports/hourly_incoming_load_paris.yaml: 2026-04-15 12:00 UTC is
-- 14:00 in Paris, so "today" is the Paris day 2026-04-15.
WITH local AS (
  SELECT *, timezone('Europe/Paris', timezone('UTC', distribution_date)) AS paris_time
  FROM incoming_message_distributions
)
SELECT
  date_trunc('hour', paris_time) AS hour,
  count(*) AS offered,
  count(*) FILTER (WHERE interaction_status = 'treated') AS answered,
  count(*) FILTER (WHERE detailed_interaction_status IN ('abandoned', 'missed', 'visio abandoned')) AS abandoned,
  round(count(*) FILTER (WHERE detailed_interaction_status IN ('abandoned', 'missed', 'visio abandoned')) / count(*), 3) AS abandon_rate,
  avg(wait_time) AS avg_wait
FROM local
WHERE CAST(paris_time AS DATE) = DATE '2026-04-15'
  AND type = 'queue'
GROUP BY ALL
