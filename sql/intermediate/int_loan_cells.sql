-- Grain: one row per data date × union × PGD area × commune × group × programme × funding source:
-- the loan book summed into the smallest cells every loan-book slice is made of (see
-- sql/macros/slices.sql). Direct loans have group_code NULL; an unknown funding source is '0'.
-- Incremental: data_date
WITH loans AS (
  SELECT * FROM int_loans WHERE in_build(data_date)
),
-- Each loan's overdue balance at the previous month end, when it was listed then.
previous AS (
  SELECT loan_id, data_date, balance_overdue
  FROM stg_hstd__loans
  WHERE in_build(last_day(data_date + INTERVAL 1 MONTH))
)
SELECT
  l.data_date,
  l.union_code,
  l.pgd_code,
  l.commune_code,
  CASE WHEN l.is_direct THEN NULL ELSE l.group_code END AS group_code,
  l.programme_code,
  coalesce(l.funding_source_code, '0') AS funding_source_code,
  count(*) FILTER (WHERE l.balance_total > 0) AS loans,
  -- Overdue now and not at the previous month end (new loans included).
  count(*) FILTER (WHERE l.balance_overdue > 0 AND coalesce(p.balance_overdue, 0) = 0) AS loans_newly_overdue,
  sum(l.balance_total) AS balance_total,
  coalesce(sum(l.balance_total) FILTER (WHERE NOT l.is_direct), 0) AS balance_entrusted,
  sum(l.balance_performing) AS balance_performing,
  sum(l.balance_overdue) AS balance_overdue,
  sum(l.balance_frozen) AS balance_frozen,
  sum(l.interest_arrears_performing) AS interest_arrears_performing,
  sum(l.interest_arrears_overdue) AS interest_arrears_overdue,
  sum(l.disbursed_in_month) AS disbursed,
  sum(l.collected_performing) AS collected_performing,
  sum(l.collected_overdue) AS collected_overdue,
  sum(l.collected_frozen) AS collected_frozen,
  sum(l.moved_to_overdue) AS moved_to_overdue,
  sum(l.moved_to_frozen) AS moved_to_frozen,
  sum(l.written_off) AS written_off
FROM loans l
LEFT JOIN previous p ON p.loan_id = l.loan_id AND p.data_date = last_day(l.data_date - INTERVAL 1 MONTH)
GROUP BY ALL
