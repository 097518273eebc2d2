-- Grain: one row per metric of the catalogue (sql/seeds/ref_metrics.csv): its Vietnamese name,
-- unit, which direction is better, the unit its targets are written in, the column of the slice
-- marts (fct_balances …) that holds it, and how pages show it: the unit and decimals on screen,
-- the decimals targets are shown and judged at, how its change since 31/12 is written (points for
-- ratios, amount and % for amounts and counts, none for flows), whether it is a balance at the
-- date, a flow in the month or a sum since 1/1, and its definition with the export columns it
-- comes from.
SELECT
  metric_code,
  name_vi,
  unit,
  better,
  target_unit,
  source_column,
  sort_order::INTEGER AS sort_order,
  display_unit,
  precision::INTEGER AS precision,
  target_precision::INTEGER AS target_precision,
  change_kind,
  period,
  definition,
  nullif(numerator, '') AS numerator,
  nullif(denominator, '') AS denominator,
  source_fields
FROM ref_metrics
