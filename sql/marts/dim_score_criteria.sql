-- Grain: one row per criterion of the group scoring (sql/seeds/ref_score_criteria.csv) with its
-- maximum score from config/settings.json.
SELECT
  c.criterion,
  c.name_vi,
  CASE c.criterion
    WHEN 'commune_transactions' THEN s.max_score_commune_transactions
    WHEN 'overdue_ratio' THEN s.max_score_overdue_ratio
    WHEN 'due_collection' THEN s.max_score_due_collection
    WHEN 'interest_collection' THEN s.max_score_interest_collection
    WHEN 'savings_participation' THEN s.max_score_savings_participation
    WHEN 'savings_growth' THEN s.max_score_savings_growth
  END AS max_score,
  c.sort_order::INTEGER AS sort_order
FROM ref_score_criteria c
CROSS JOIN cfg_settings s
