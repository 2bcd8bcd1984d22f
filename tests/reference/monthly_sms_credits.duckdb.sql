-- Hand-written reference for reports/monthly_sms_credits.yaml, as of 2026-04-15 12:00 UTC.
SELECT
  date_trunc('month', send_date) AS month,
  sms_category AS category,
  count(*) AS sms_sent,
  sum(credits) AS credits_used,
  count(DISTINCT recipient) AS recipients,
  round(sum(credits) / count(DISTINCT recipient), 2) AS credits_per_recipient
FROM sms
WHERE year(send_date) = 2026
  AND status = 'sent'
  AND origin NOT IN ('public API', 'video call')
GROUP BY ALL
