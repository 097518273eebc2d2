-- Grain: one row per data date × group, in the cell layout of sql/macros/slices.sql (programme and
-- funding source do not apply to groups): counts of groups with outstanding, their members, and
-- the groups to follow up (overdue, overdue above the threshold, small, savings below target).
SELECT
  g.data_date,
  g.union_code,
  g.pgd_code,
  g.commune_code,
  g.group_code,
  NULL::VARCHAR AS programme_code,
  NULL::VARCHAR AS funding_source_code,
  (g.balance_total > 0)::INTEGER AS groups,
  g.households AS group_members,
  (g.balance_overdue > 0)::INTEGER AS groups_with_overdue,
  (g.balance_total > 0 AND 100 * g.balance_overdue / g.balance_total > s.overdue_group_threshold_pct)::INTEGER AS groups_overdue_above_threshold,
  (g.balance_total > 0 AND g.households < s.small_group_min_households)::INTEGER AS groups_small,
  (g.balance_total > 0 AND 100 * g.savings_balance / g.balance_total < s.savings_to_loan_target_pct)::INTEGER AS groups_below_savings_target
FROM int_group_balances g
CROSS JOIN cfg_settings s
