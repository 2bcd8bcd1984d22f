-- Hand-written reference for reports/weekly_queue_kpis.yaml, written from the KPI definitions
-- of README "Measures" (not from the compiled SQL), as of Wednesday 2026-04-15: the current ISO
-- week starts on Monday 2026-04-13, so the last 8 weeks start on Monday 2026-02-23 and end
-- before Monday 2026-04-20.
SELECT
  date_trunc('week', distribution_date) AS week,
  queue,
  count(*) AS offered,
  count(*) FILTER (WHERE interaction_status = 'treated') AS handled,
  count(*) FILTER (WHERE detailed_interaction_status = 'abandoned') / count(*) AS abandon_rate,
  count(*) FILTER (WHERE interaction_status = 'treated' AND wait_time <= 20) / count(*) AS service_level_20s,
  avg(CASE WHEN interaction_status = 'treated' THEN wait_time END) AS avg_speed_of_answer,
  (sum(CASE WHEN interaction_status = 'treated' THEN exchange_time END)
    + sum(CASE WHEN interaction_status = 'treated' THEN post_interaction_time END))
    / nullif(count(*) FILTER (WHERE interaction_status = 'treated'), 0) AS avg_handle_time,
  round((sum(CASE WHEN interaction_status = 'treated' THEN exchange_time END)
    + sum(CASE WHEN interaction_status = 'treated' THEN post_interaction_time END))
    / nullif(count(*) FILTER (WHERE interaction_status = 'treated'), 0) / 60, 1) AS aht_minutes,
  count(*) FILTER (WHERE transferred) / nullif(count(*) FILTER (WHERE interaction_status = 'treated'), 0) AS transfer_rate
FROM incoming_message_distributions
WHERE distribution_date >= TIMESTAMP '2026-02-23 00:00:00'
  AND distribution_date < TIMESTAMP '2026-04-20 00:00:00'
  AND queue IS NOT NULL
GROUP BY ALL
HAVING count(*) >= 5
