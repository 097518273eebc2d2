-- Grain: one row per campaign × slice (province, PGD area, commune, union) × handling case (1–5;
-- "0" for loans that are simply current, "chưa đối chiếu" for loans not yet reconciled): loans,
-- customers and amounts.
SELECT
  campaign_code,
  CASE grouping(union_code, pgd_code, commune_code) WHEN 7 THEN 'province' WHEN 5 THEN 'pgd' WHEN 6 THEN 'commune' WHEN 3 THEN 'union' END AS slice,
  union_code,
  pgd_code,
  commune_code,
  handling_case,
  count(*)::DOUBLE AS loans,
  count(DISTINCT customer_id)::DOUBLE AS customers,
  sum(principal) AS principal,
  sum(interest) AS interest,
  sum(principal_discrepancy) AS principal_discrepancy,
  sum(interest_discrepancy) AS interest_discrepancy
FROM (
  SELECT * REPLACE (CASE WHEN NOT reconciled THEN 'chưa đối chiếu' ELSE coalesce(handling_case, '0') END AS handling_case)
  FROM int_reconciliation
)
GROUP BY campaign_code, handling_case, GROUPING SETS ((), (pgd_code), (commune_code), (union_code))
