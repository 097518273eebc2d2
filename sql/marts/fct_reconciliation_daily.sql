-- Grain: one row per campaign × PGD area (NULL = province) × day with reconciliations: customers
-- whose last loan was reconciled that day, and the cumulative progress against customers in scope.
WITH customers AS (
  SELECT campaign_code, customer_id, any_value(pgd_code ORDER BY loan_id) AS pgd_code,
    bool_and(reconciled) AS reconciled, max(reconciled_on) AS reconciled_on
  FROM int_reconciliation GROUP BY ALL
),
scope AS (
  SELECT campaign_code, pgd_code, count(*) AS customers_in_scope
  FROM customers GROUP BY campaign_code, GROUPING SETS ((), (pgd_code))
),
daily AS (
  SELECT campaign_code, pgd_code, reconciled_on AS day, count(*) AS customers_reconciled
  FROM customers WHERE reconciled
  GROUP BY campaign_code, reconciled_on, GROUPING SETS ((), (pgd_code))
)
SELECT
  d.campaign_code,
  d.pgd_code,
  d.day,
  d.customers_reconciled::DOUBLE AS customers_reconciled,
  sum(d.customers_reconciled) OVER (PARTITION BY d.campaign_code, d.pgd_code ORDER BY d.day)::DOUBLE AS customers_reconciled_cumulative,
  s.customers_in_scope::DOUBLE AS customers_in_scope,
  100.0 * sum(d.customers_reconciled) OVER (PARTITION BY d.campaign_code, d.pgd_code ORDER BY d.day) / s.customers_in_scope AS progress_pct
FROM daily d
JOIN scope s ON s.campaign_code = d.campaign_code AND s.pgd_code IS NOT DISTINCT FROM d.pgd_code
