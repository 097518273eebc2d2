-- Grain: one row per data date × slice × metric of sql/seeds/ref_metrics.csv, gathered from the
-- slice marts (loan book, group ratings, savings mobilisation, fees), with the value on 31/12 of
-- the previous year and at the previous data date, and the changes: absolute and % for counts and
-- amounts, percentage points for ratios (unit %).
-- Incremental: data_date (rows of the dates built; the dates they compare with are read too)
WITH needed AS (
  SELECT data_date FROM dim_data_dates WHERE in_build(data_date)
  UNION SELECT prev_date FROM dim_data_dates WHERE in_build(data_date) AND prev_date IS NOT NULL
  UNION SELECT year_start_date FROM dim_data_dates WHERE in_build(data_date) AND year_start_date IS NOT NULL
),
long AS (
  SELECT data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code, source_column, value::DOUBLE AS value
  FROM (SELECT * FROM fct_balances WHERE data_date IN (SELECT data_date FROM needed)) UNPIVOT INCLUDE NULLS (value FOR source_column IN (COLUMNS(* EXCLUDE (data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code))))
  UNION ALL
  SELECT data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code, source_column, value::DOUBLE
  FROM (SELECT * FROM fct_group_ratings WHERE data_date IN (SELECT data_date FROM needed)) UNPIVOT INCLUDE NULLS (value FOR source_column IN (COLUMNS(* EXCLUDE (data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code))))
  UNION ALL
  SELECT data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code, source_column, value::DOUBLE
  FROM (SELECT * FROM fct_savings_mobilisation WHERE data_date IN (SELECT data_date FROM needed)) UNPIVOT INCLUDE NULLS (value FOR source_column IN (COLUMNS(* EXCLUDE (data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code))))
  UNION ALL
  SELECT data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code, source_column, value::DOUBLE
  FROM (SELECT * FROM fct_fees WHERE data_date IN (SELECT data_date FROM needed)) UNPIVOT INCLUDE NULLS (value FOR source_column IN (COLUMNS(* EXCLUDE (data_date, slice, slice_key, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code))))
),
metrics AS (
  SELECT l.*, m.metric_code, m.unit, d.year_start_date, d.prev_date
  FROM long l
  JOIN ref_metrics m USING (source_column)
  JOIN dim_data_dates d ON d.data_date = l.data_date
),
year_ends AS (
  SELECT data_date, slice_key, metric_code, value FROM metrics WHERE month(data_date) = 12 AND day(data_date) = 31
),
with_prev AS (
  SELECT
    m.*,
    CASE WHEN lag(m.data_date) OVER w = m.prev_date THEN lag(m.value) OVER w END AS value_prev,
    y.value AS value_year_start
  FROM metrics m
  LEFT JOIN year_ends y ON y.data_date = m.year_start_date AND y.slice_key = m.slice_key AND y.metric_code = m.metric_code
  WINDOW w AS (PARTITION BY m.slice_key, m.metric_code ORDER BY m.data_date)
)
SELECT
  data_date,
  slice,
  slice_key,
  union_code,
  pgd_code,
  commune_code,
  group_code,
  programme_code,
  funding_source_code,
  metric_code,
  value,
  value_year_start,
  value_prev,
  value - value_year_start AS change_ytd,
  CASE WHEN unit <> '%' THEN 100 * (value - value_year_start) / nullif(value_year_start, 0) END AS change_ytd_pct,
  value - value_prev AS change_mom,
  CASE WHEN unit <> '%' THEN 100 * (value - value_prev) / nullif(value_prev, 0) END AS change_mom_pct
FROM with_prev
