-- Grain: one row per Tổ TK&VV per data date (direct loans, Mã tổ 0000000, belong to no group):
-- its outstanding, members who owe, and their savings (each member's savings in their home group).
-- A group sits in one union, PGD area and commune; min() picks one deterministically should the
-- export disagree with itself.
-- Incremental: data_date
WITH loans AS (
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
  WHERE NOT is_direct AND in_build(data_date)
  GROUP BY data_date, group_code
),
savings AS (
  SELECT data_date, group_code, sum(savings_balance) AS savings_balance
  FROM int_customer_savings
  WHERE customer_balance > 0 AND group_code IS NOT NULL AND in_build(data_date)
  GROUP BY ALL
)
SELECT l.*, coalesce(s.savings_balance, 0) AS savings_balance
FROM loans l
LEFT JOIN savings s USING (data_date, group_code)
