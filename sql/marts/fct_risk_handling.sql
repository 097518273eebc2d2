-- Grain: one row per risk-handling batch × slice (province, union, PGD area, union × PGD area) ×
-- measure (Khoanh nợ, Xóa nợ, …): loans, customers, principal and interest handled, beside what
-- the loan listing of the decision's month shows as frozen or written off for the same slice.
WITH batches AS (
  SELECT
    batch_code,
    any_value(decided_on) AS decided_on,
    CASE grouping(union_code, pgd_code) WHEN 3 THEN 'province' WHEN 1 THEN 'union' WHEN 2 THEN 'pgd' ELSE 'union_pgd' END AS slice,
    union_code,
    pgd_code,
    measure,
    count(*)::DOUBLE AS loans,
    count(DISTINCT customer_id)::DOUBLE AS customers,
    sum(principal) AS principal,
    sum(interest) AS interest
  FROM stg_xlrr__risk_handling
  GROUP BY batch_code, measure, GROUPING SETS ((), (union_code), (pgd_code), (union_code, pgd_code))
)
SELECT
  b.*,
  CASE b.measure WHEN 'Khoanh nợ' THEN l.moved_to_frozen WHEN 'Xóa nợ' THEN l.written_off END AS ledger_principal
FROM batches b
LEFT JOIN fct_balances l
  ON l.data_date = last_day(b.decided_on) AND l.slice = b.slice
  AND l.union_code IS NOT DISTINCT FROM b.union_code AND l.pgd_code IS NOT DISTINCT FROM b.pgd_code
