-- Grain: one row per Tổ TK&VV per data date, from the loan listing and the group scoring export
-- together (a group in only one of them is kept, its other figures NULL): outstanding and overdue,
-- members who owe, savings and savings-to-loan ratio, the six criterion scores and shortfalls, the
-- stored and the recomputed class, and the flags that put a group on the follow-up list.
-- below_savings_target (savings under the province's savings-to-loan target, 7 %) describes most
-- groups, since the target is a goal for the whole book that the typical group has not reached;
-- the follow-up list takes low_savings instead: under half the target, groups far behind the rest.
SELECT
  *,
  overdue_above_threshold OR small_group OR low_savings OR coalesce(class_mismatch, false)
    OR coalesce(rating_class IN ('Trung bình', 'Yếu'), false) AS needs_followup
FROM (
SELECT
  coalesce(b.data_date, s.data_date) AS data_date,
  coalesce(b.group_code, s.group_code) AS group_code,
  coalesce(b.union_code, s.union_code) AS union_code,
  coalesce(b.pgd_code, s.pgd_code) AS pgd_code,
  coalesce(b.commune_code, s.commune_code) AS commune_code,
  s.group_name,
  b.households::DOUBLE AS households,
  b.balance_total,
  b.balance_overdue,
  b.balance_frozen,
  100 * b.balance_overdue / nullif(b.balance_total, 0) AS overdue_ratio_pct,
  b.savings_balance,
  100 * b.savings_balance / nullif(b.balance_total, 0) AS savings_to_loan_pct,
  s.score_commune_transactions,
  s.score_overdue_ratio,
  s.score_due_collection,
  s.score_interest_collection,
  s.score_savings_participation,
  s.score_savings_growth,
  s.score_total,
  s.short_commune_transactions,
  s.short_overdue_ratio,
  s.short_due_collection,
  s.short_interest_collection,
  s.short_savings_participation,
  s.short_savings_growth,
  s.rating_class,
  s.rating_class_recomputed,
  s.rating_class <> s.rating_class_recomputed AS class_mismatch,
  -- The scores should add up to the total the export gives.
  abs(s.score_sum - s.score_total) > 0.001 AS score_total_mismatch,
  coalesce(b.balance_overdue > 0, false) AS has_overdue,
  coalesce(100 * b.balance_overdue / nullif(b.balance_total, 0) > c.overdue_group_threshold_pct, false) AS overdue_above_threshold,
  coalesce(b.balance_total > 0 AND b.households < c.small_group_min_households, false) AS small_group,
  coalesce(100 * b.savings_balance / nullif(b.balance_total, 0) < c.savings_to_loan_target_pct, false) AS below_savings_target,
  coalesce(100 * b.savings_balance / nullif(b.balance_total, 0) < c.savings_to_loan_target_pct / 2, false) AS low_savings
FROM int_group_balances b
FULL JOIN int_group_scores s ON s.data_date = b.data_date AND s.group_code = b.group_code
CROSS JOIN cfg_settings c
WHERE coalesce(b.balance_total, 0) > 0 OR s.group_code IS NOT NULL
)
