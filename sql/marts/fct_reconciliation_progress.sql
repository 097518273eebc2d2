-- Grain: one row per campaign × slice: the province, each PGD area, commune, transaction point
-- (điểm giao dịch, the former commune), union, union × PGD area and union × commune. Progress is
-- customers reconciled (all their loans) ÷ customers in scope; a customer counts once, in the slice
-- of their first loan. Loans, amounts and discrepancies (bank − borrower) by loan.
SELECT
  campaign_code,
  any_value(cutoff_date) AS cutoff_date,
  CASE grouping(union_code, pgd_code, commune_code, transaction_point_code)
    WHEN 15 THEN 'province' WHEN 11 THEN 'pgd' WHEN 13 THEN 'commune' WHEN 14 THEN 'transaction_point'
    WHEN 7 THEN 'union' WHEN 3 THEN 'union_pgd' WHEN 5 THEN 'union_commune'
  END AS slice,
  union_code,
  pgd_code,
  commune_code,
  transaction_point_code,
  CASE WHEN grouping(transaction_point_code) = 0 THEN any_value(transaction_point_name) END AS transaction_point_name,
  count(*) FILTER (WHERE customer_first_loan)::DOUBLE AS customers_in_scope,
  count(*) FILTER (WHERE customer_first_loan AND customer_reconciled)::DOUBLE AS customers_reconciled,
  100.0 * count(*) FILTER (WHERE customer_first_loan AND customer_reconciled) / nullif(count(*) FILTER (WHERE customer_first_loan), 0) AS progress_pct,
  count(*)::DOUBLE AS loans_in_scope,
  count(*) FILTER (WHERE reconciled)::DOUBLE AS loans_reconciled,
  sum(principal) AS principal,
  sum(interest) AS interest,
  coalesce(sum(principal) FILTER (WHERE reconciled), 0) AS principal_reconciled,
  count(*) FILTER (WHERE has_discrepancy)::DOUBLE AS loans_with_discrepancy,
  sum(principal_discrepancy) AS principal_discrepancy,
  sum(interest_discrepancy) AS interest_discrepancy
FROM int_reconciliation
GROUP BY campaign_code, GROUPING SETS ((), (pgd_code), (commune_code), (transaction_point_code), (union_code), (union_code, pgd_code), (union_code, commune_code))
