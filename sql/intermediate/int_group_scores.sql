-- Grain: one row per Tổ TK&VV per data date from the group scoring export, on today's communes,
-- with the class recomputed from the six criterion scores and the cut-offs of
-- config/settings.json, whether it disagrees with the stored class (the stored class stands: a
-- disagreement is a data-quality finding), and each criterion's shortfall from full score.
SELECT
  g.data_date,
  g.pgd_code,
  coalesce(x.current_commune_code, g.commune_code_exported) AS commune_code,
  g.group_code,
  g.group_name,
  g.union_code,
  g.members,
  g.balance_total,
  g.score_commune_transactions,
  g.score_overdue_ratio,
  g.score_due_collection,
  g.score_interest_collection,
  g.score_savings_participation,
  g.score_savings_growth,
  g.score_total,
  g.score_commune_transactions + g.score_overdue_ratio + g.score_due_collection
    + g.score_interest_collection + g.score_savings_participation + g.score_savings_growth AS score_sum,
  g.rating_class,
  CASE
    WHEN g.score_total >= s.min_score_tot THEN 'Tốt'
    WHEN g.score_total >= s.min_score_kha THEN 'Khá'
    WHEN g.score_total >= s.min_score_trung_binh THEN 'Trung bình'
    ELSE 'Yếu'
  END AS rating_class_recomputed,
  s.max_score_commune_transactions - g.score_commune_transactions AS short_commune_transactions,
  s.max_score_overdue_ratio - g.score_overdue_ratio AS short_overdue_ratio,
  s.max_score_due_collection - g.score_due_collection AS short_due_collection,
  s.max_score_interest_collection - g.score_interest_collection AS short_interest_collection,
  s.max_score_savings_participation - g.score_savings_participation AS short_savings_participation,
  s.max_score_savings_growth - g.score_savings_growth AS short_savings_growth
FROM stg_cdtotkvv__group_scores g
CROSS JOIN cfg_settings s
LEFT JOIN int_commune_crosswalk x ON x.commune_code = g.commune_code_exported
WHERE coalesce(g.balance_total, 1) > 0
