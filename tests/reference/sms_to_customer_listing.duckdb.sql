-- Hand-written reference for reports/sms_to_customer_listing.yaml: January 2026 in Paris time.
SELECT sms_id, send_date, sender, queue, "user", sms_template, content, credits, status
FROM sms
WHERE recipient = '+33612345678'
  AND CAST(timezone('Europe/Paris', timezone('UTC', send_date)) AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-01-31'
  AND credits >= 1 AND credits <= 3
