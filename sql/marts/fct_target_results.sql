-- Grain: one row per target × loaded data date of the target's year (one row with no date when none
-- of the year is loaded). A target is year × union (NULL = all) × PGD area (NULL = province) ×
-- metric; a union's commune inherits the ratio targets (unit %) set for the union in its PGD area
-- (slice union_commune, inherited = true), so union leaders can follow their communes one level
-- down; amounts are not split.
-- Each date judges the target on the figure of that date: on 31/12 (is_final) it is the year's
-- result, before it the progress so far. The actual is judged as pages show it: rounded to the
-- metric's target_precision in its target unit (actual_shown, in the metric's unit), so a result
-- shown equal to its target is judged equal. status: met_stretch / met_assigned / missed, or
-- no_data when the unit has no figures (a target for a unit missing from the data is reported,
-- not dropped). gap_* = shown actual − target for «<», «≤» and target − shown actual for «≥», «>»:
-- > 0 means short, in the metric's unit (percentage points for ratios). completion_pct (% hoàn
-- thành) = shown actual ÷ assigned × 100 for «≥», «>» targets; none for ceilings («<», «≤»).
WITH evaluation AS (
  SELECT year, data_date, month = 12 AND day(data_date) = 31 AS is_final FROM dim_data_dates
),
assigned AS (
  SELECT
    t.*,
    NULL::VARCHAR AS commune_code,
    e.data_date,
    coalesce(e.is_final, false) AS is_final,
    CASE
      WHEN t.union_code IS NULL AND t.pgd_code IS NULL THEN 'province'
      WHEN t.pgd_code IS NULL THEN 'union'
      WHEN t.union_code IS NULL THEN 'pgd'
      ELSE 'union_pgd'
    END AS slice,
    false AS inherited
  FROM stg_chitieu__targets t
  LEFT JOIN evaluation e USING (year)
),
targets AS (
  SELECT * FROM assigned
  UNION ALL
  SELECT a.* REPLACE (c.commune_code AS commune_code, 'union_commune' AS slice, true AS inherited)
  FROM assigned a
  JOIN ref_metrics m USING (metric_code)
  JOIN dim_communes c ON c.pgd_code = a.pgd_code AND c.is_current
  WHERE a.slice = 'union_pgd' AND m.unit = '%'
),
shown AS (
  SELECT
    t.*,
    m.better,
    m.target_factor::DOUBLE AS factor,
    v.value AS actual_value,
    round(v.value / m.target_factor::DOUBLE, m.target_precision::INTEGER) * m.target_factor::DOUBLE AS actual_shown
  FROM targets t
  JOIN ref_metrics m USING (metric_code)
  LEFT JOIN fct_metric_values v
    ON v.data_date = t.data_date AND v.metric_code = t.metric_code
    -- A commune's slice is named without its PGD area.
    AND v.slice_key = slice_key(t.slice, t.union_code, CASE WHEN t.slice <> 'union_commune' THEN t.pgd_code END, t.commune_code, NULL, NULL, NULL)
),
scored AS (
  SELECT
    year, data_date, is_final, slice, union_code, pgd_code, commune_code, inherited, metric_code, better, comparator,
    assigned_value, stretch_value, actual_value, actual_shown,
    -- In the target unit to six decimals: differences of shown values carry no floating-point dust,
    -- so equal shown gaps compare equal (and rank together).
    round(CASE WHEN comparator IN ('<', '<=') THEN actual_shown - assigned_value ELSE assigned_value - actual_shown END / factor, 6) * factor AS gap_assigned,
    round(CASE WHEN comparator IN ('<', '<=') THEN actual_shown - stretch_value ELSE stretch_value - actual_shown END / factor, 6) * factor AS gap_stretch,
    CASE WHEN comparator IN ('>=', '>') AND assigned_value > 0 THEN 100 * actual_shown / assigned_value END AS completion_pct
  FROM shown
)
SELECT
  *,
  CASE
    WHEN actual_value IS NULL THEN 'no_data'
    WHEN gap_stretch <= 0 AND (comparator IN ('<=', '>=') OR gap_stretch < 0) THEN 'met_stretch'
    WHEN gap_assigned <= 0 AND (comparator IN ('<=', '>=') OR gap_assigned < 0) THEN 'met_assigned'
    ELSE 'missed'
  END AS status,
  -- A union's PGD areas (and its communes) on a metric at a date, ranked by the margin the pages
  -- show (shown actual against each area's own assigned value), largest surplus first; equal
  -- margins share a rank.
  CASE WHEN slice IN ('union_pgd', 'union_commune') AND actual_value IS NOT NULL THEN
    rank() OVER (PARTITION BY year, data_date, union_code, metric_code, slice, actual_value IS NOT NULL ORDER BY gap_assigned)
  END AS rank_in_union
FROM scored
