-- Grain: one row per year × union (NULL = all unions) × PGD area (NULL = whole province) × metric.
-- Target values are converted to the metric's warehouse unit (money targets arrive in triệu đồng).
SELECT
  t.year,
  t.union_code,
  t.pgd_code,
  t.metric_code,
  CASE t.comparator WHEN '≤' THEN '<=' WHEN '≥' THEN '>=' ELSE t.comparator END AS comparator,
  t.assigned_value * m.target_factor::DOUBLE AS assigned_value,
  t.stretch_value * m.target_factor::DOUBLE AS stretch_value
FROM raw_chitieu t
JOIN ref_metrics m USING (metric_code)
