-- Grain: one row per Tổ TK&VV per data date (direct loans, Mã tổ 0000000, belong to no group).
-- A group sits in one union, PGD area and commune; min() picks one deterministically should the
-- export disagree with itself.
SELECT
  data_date,
  group_code,
  min(union_code) AS union_code,
  min(pgd_code) AS pgd_code,
  min(commune_code) AS commune_code,
  sum(balance_total) AS balance_total,
  sum(balance_overdue) AS balance_overdue,
  sum(balance_frozen) AS balance_frozen,
  count(DISTINCT customer_id) FILTER (WHERE balance_total > 0) AS households
FROM int_loans
WHERE NOT is_direct
GROUP BY data_date, group_code
