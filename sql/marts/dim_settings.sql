-- Grain: one row: the thresholds of config/settings.json the pages quote beside the flags they
-- explain (the flags themselves are computed in SQL with the same values).
SELECT
  overdue_group_threshold_pct,
  small_group_min_households,
  savings_to_loan_target_pct,
  members_saving_target_pct,
  min_score_tot,
  min_score_kha,
  min_score_trung_binh
FROM cfg_settings
