-- Grain: one row per data date × union × PGD area × commune × group × programme × funding source:
-- the loan book summed into the smallest cells every loan-book slice is made of (see
-- sql/macros/slices.sql). Direct loans have group_code NULL; an unknown funding source is '0'.
-- Materialized: table
SELECT
  data_date,
  union_code,
  pgd_code,
  commune_code,
  CASE WHEN is_direct THEN NULL ELSE group_code END AS group_code,
  programme_code,
  coalesce(funding_source_code, '0') AS funding_source_code,
  count(*) FILTER (WHERE balance_total > 0) AS loans,
  -- Overdue now and not at the previous month end (new loans included).
  count(*) FILTER (WHERE balance_overdue > 0 AND coalesce(prev_balance_overdue, 0) = 0) AS loans_newly_overdue,
  sum(balance_total) AS balance_total,
  coalesce(sum(balance_total) FILTER (WHERE NOT is_direct), 0) AS balance_entrusted,
  sum(balance_performing) AS balance_performing,
  sum(balance_overdue) AS balance_overdue,
  sum(balance_frozen) AS balance_frozen,
  sum(interest_arrears_performing) AS interest_arrears_performing,
  sum(interest_arrears_overdue) AS interest_arrears_overdue,
  sum(disbursed_in_month) AS disbursed,
  sum(collected_performing) AS collected_performing,
  sum(collected_overdue) AS collected_overdue,
  sum(collected_frozen) AS collected_frozen,
  sum(moved_to_overdue) AS moved_to_overdue,
  sum(moved_to_frozen) AS moved_to_frozen,
  sum(written_off) AS written_off
FROM int_loans
GROUP BY ALL
