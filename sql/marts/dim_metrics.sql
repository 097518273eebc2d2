-- Grain: one row per metric of the catalogue (sql/seeds/ref_metrics.csv): its Vietnamese name,
-- unit, which direction is better, the unit its targets are written in, and the column of the
-- slice marts (fct_balances …) that holds it.
SELECT
  metric_code,
  name_vi,
  unit,
  better,
  target_unit,
  source_column,
  sort_order::INTEGER AS sort_order
FROM ref_metrics
