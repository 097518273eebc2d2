-- Grain: one row per metric of the catalogue (sql/seeds/ref_metrics.csv): its Vietnamese name,
-- unit, which direction is better, and the unit its targets are written in.
SELECT
  metric_code,
  name_vi,
  unit,
  better,
  target_unit,
  sort_order::INTEGER AS sort_order
FROM ref_metrics
