-- Grain: one row per Tổ TK&VV per data date, from the monthly group scoring export.
SELECT
  data_date,
  pgd_code,
  commune_code AS commune_code_exported,
  village_code,
  group_code,
  group_name,
  union_code,
  members,
  balance_total::DOUBLE AS balance_total,
  savings_balance::DOUBLE AS savings_balance,
  score_commune_transactions,
  score_overdue_ratio,
  score_due_collection,
  score_interest_collection,
  score_savings_participation,
  score_savings_growth,
  score_total,
  rating_class
FROM raw_cdtotkvv
