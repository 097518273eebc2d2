-- Grain: one row per data date × slice × metric of sql/seeds/ref_metrics.csv, gathered from the
-- slice marts (loan book, group ratings, savings mobilisation, fees), with the value on 31/12 of
-- the previous year and at the previous data date, and the changes: absolute and % for counts and
-- amounts, percentage points for ratios (unit %). A value that is NULL because its input is not in
-- the files says why in unavailable_reason (a column some file lacked, months of the year not
-- loaded, no previous month): pages show "–" with the reason, never 0.
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
-- Why a metric has no value on a date, from the inputs it needs (sql/seeds/ref_metric_inputs.csv).
reasons AS (
  SELECT data_date, metric_code, string_agg(DISTINCT reason, '; ' ORDER BY reason) AS unavailable_reason
  FROM (
    SELECT
      p.data_date,
      i.metric_code,
      printf('cần số liệu tháng trước (%s) để so sánh, chưa nạp', strftime(last_day(p.data_date - INTERVAL 1 MONTH), '%m/%Y')) AS reason
    FROM ref_metric_inputs i
    JOIN int_period_inputs p ON p.kind = i.kind AND p.input_column = i.input_column
    WHERE p.data_date IN (SELECT data_date FROM needed) AND i.period = 'previous' AND NOT EXISTS (
      SELECT 1 FROM int_period_inputs q WHERE q.kind = i.kind AND q.input_column = 'rows' AND q.available
        AND q.data_date = last_day(p.data_date - INTERVAL 1 MONTH))
    UNION ALL
    -- A month's figure names every column it lacks in one reason.
    SELECT
      p.data_date,
      i.metric_code,
      printf('thiếu cột %s trong sao kê ngày %s', string_agg(DISTINCT '«' || i.input_header || '»', ', ' ORDER BY '«' || i.input_header || '»'), strftime(p.data_date, '%d/%m/%Y'))
    FROM ref_metric_inputs i
    JOIN int_period_inputs p ON p.kind = i.kind AND p.input_column = i.input_column
    WHERE p.data_date IN (SELECT data_date FROM needed) AND i.period = 'month' AND NOT p.available
    GROUP BY p.data_date, i.metric_code
    UNION ALL
    -- A year-to-date figure names the months it lacks once, with every input they lack.
    SELECT
      data_date,
      metric_code,
      printf('số từ đầu năm chưa đủ: thiếu số liệu tháng %s (%s)', month_ranges(missing_months, year(data_date)), concat_ws('; ',
        'cột ' || string_agg(DISTINCT '«' || input_header || '»', ', ' ORDER BY '«' || input_header || '»') FILTER (WHERE input_column <> 'rows') || ' của sao kê',
        string_agg(DISTINCT 'tệp ' || input_header, ', ' ORDER BY 'tệp ' || input_header) FILTER (WHERE input_column = 'rows')))
    FROM (
      SELECT p.data_date, i.metric_code, p.missing_months, i.input_column, i.input_header
      FROM ref_metric_inputs i
      JOIN int_period_inputs p ON p.kind = i.kind AND p.input_column = i.input_column
      WHERE p.data_date IN (SELECT data_date FROM needed) AND i.period = 'year' AND len(p.missing_months) > 0
    )
    GROUP BY data_date, metric_code, missing_months
  )
  GROUP BY ALL
),
metrics AS (
  SELECT l.* REPLACE (CASE WHEN r.unavailable_reason IS NULL THEN l.value END AS value), m.metric_code, m.unit, d.year_start_date, d.prev_date, r.unavailable_reason
  FROM long l
  JOIN ref_metrics m USING (source_column)
  JOIN dim_data_dates d ON d.data_date = l.data_date
  LEFT JOIN reasons r ON r.data_date = l.data_date AND r.metric_code = m.metric_code
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
  CASE WHEN unit <> '%' THEN 100 * (value - value_prev) / nullif(value_prev, 0) END AS change_mom_pct,
  unavailable_reason
FROM with_prev
