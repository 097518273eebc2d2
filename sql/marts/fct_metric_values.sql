-- Grain: one row per data date × slice × metric of sql/seeds/ref_metrics.csv, with the value at
-- 31/12 of the previous year and at the previous data date, and the changes: absolute and % for
-- counts and balances, percentage points for ratios (unit %).
WITH wide AS (
  SELECT
    coalesce(b.data_date, r.data_date) AS data_date,
    coalesce(b.slice, r.slice) AS slice,
    coalesce(b.union_code, r.union_code) AS union_code,
    coalesce(b.pgd_code, r.pgd_code) AS pgd_code,
    b.* EXCLUDE (data_date, slice, union_code, pgd_code, members_with_loans, members_saving),
    r.* EXCLUDE (data_date, slice, union_code, pgd_code)
  FROM fct_balances b
  FULL JOIN int_group_ratings_by_slice r
    ON r.data_date = b.data_date AND r.slice = b.slice
    AND r.union_code IS NOT DISTINCT FROM b.union_code AND r.pgd_code IS NOT DISTINCT FROM b.pgd_code
),
long AS (
  SELECT
    data_date, slice, union_code, pgd_code,
    concat_ws(':', slice, union_code, pgd_code) AS slice_key,
    source_column,
    value::DOUBLE AS value
  FROM wide UNPIVOT INCLUDE NULLS (value FOR source_column IN (COLUMNS(* EXCLUDE (data_date, slice, union_code, pgd_code))))
)
SELECT
  l.data_date,
  l.slice,
  l.slice_key,
  l.union_code,
  l.pgd_code,
  m.metric_code,
  l.value,
  y.value AS value_year_start,
  p.value AS value_prev,
  l.value - y.value AS change_ytd,
  CASE WHEN m.unit <> '%' THEN 100 * (l.value - y.value) / nullif(y.value, 0) END AS change_ytd_pct,
  l.value - p.value AS change_mom,
  CASE WHEN m.unit <> '%' THEN 100 * (l.value - p.value) / nullif(p.value, 0) END AS change_mom_pct
FROM long l
JOIN ref_metrics m USING (source_column)
JOIN dim_data_dates d ON d.data_date = l.data_date
LEFT JOIN long y ON y.data_date = d.year_start_date AND y.slice_key = l.slice_key AND y.source_column = l.source_column
LEFT JOIN long p ON p.data_date = d.prev_date AND p.slice_key = l.slice_key AND p.source_column = l.source_column
