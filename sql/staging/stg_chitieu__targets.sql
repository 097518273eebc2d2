-- Grain: one row per year × union (NULL = all unions) × PGD area (NULL = whole province) × metric.
-- Target values are converted to the metric's warehouse unit: money targets arrive in triệu đồng,
-- or in the unit the row states («Đơn vị tính», or «(tỷ đồng)» in its name; the ingest refused rows
-- whose unit did not fit the metric).
SELECT
  t.year,
  t.union_code,
  t.pgd_code,
  t.metric_code,
  CASE t.comparator WHEN '≤' THEN '<=' WHEN '≥' THEN '>=' ELSE t.comparator END AS comparator,
  t.assigned_value * f.factor AS assigned_value,
  t.stretch_value * f.factor AS stretch_value,
  coalesce(stated_unit(t.unit_label, t.metric_name), m.target_unit) AS unit_written
FROM raw_chitieu t
JOIN ref_metrics m USING (metric_code)
CROSS JOIN LATERAL (
  SELECT CASE WHEN target_kind(m.target_unit) = 'money' AND unit_kind(stated_unit(t.unit_label, t.metric_name)) = 'money'
    THEN money_unit_factor(stated_unit(t.unit_label, t.metric_name)) ELSE m.target_factor::DOUBLE END::DOUBLE AS factor
) f
