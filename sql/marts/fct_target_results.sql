-- Grain: one row per target: year × union (NULL = all) × PGD area (NULL = province) × metric, and
-- one per target a union's commune inherits: a ratio target (unit %) set for a union in a PGD area
-- holds for the union in each of that area's communes (slice union_commune, inherited = true), so
-- union leaders can follow their communes one level down; amounts are not split.
-- The actual is the metric at the year's last loaded data date (31/12 once the year is complete).
-- status: met_stretch / met_assigned / missed, or no_data when the unit has no figures (a target
-- for a unit missing from the data is reported, not dropped). gap_* > 0 means short of the target,
-- in the metric's unit (percentage points for ratios).
WITH evaluation AS (
  SELECT year, max(data_date) AS data_date FROM dim_data_dates GROUP BY year
),
assigned AS (
  SELECT
    t.*,
    NULL::VARCHAR AS commune_code,
    e.data_date,
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
scored AS (
  SELECT
    t.year,
    t.data_date,
    t.slice,
    t.union_code,
    t.pgd_code,
    t.commune_code,
    t.inherited,
    t.metric_code,
    m.better,
    t.comparator,
    t.assigned_value,
    t.stretch_value,
    v.value AS actual_value,
    CASE WHEN t.comparator IN ('<', '<=') THEN v.value - t.assigned_value ELSE t.assigned_value - v.value END AS gap_assigned,
    CASE WHEN t.comparator IN ('<', '<=') THEN v.value - t.stretch_value ELSE t.stretch_value - v.value END AS gap_stretch
  FROM targets t
  JOIN ref_metrics m USING (metric_code)
  LEFT JOIN fct_metric_values v
    ON v.data_date = t.data_date AND v.metric_code = t.metric_code
    -- A commune's slice is named without its PGD area.
    AND v.slice_key = slice_key(t.slice, t.union_code, CASE WHEN t.slice <> 'union_commune' THEN t.pgd_code END, t.commune_code, NULL, NULL, NULL)
)
SELECT
  *,
  CASE
    WHEN actual_value IS NULL THEN 'no_data'
    WHEN gap_stretch <= 0 AND (comparator IN ('<=', '>=') OR gap_stretch < 0) THEN 'met_stretch'
    WHEN gap_assigned <= 0 AND (comparator IN ('<=', '>=') OR gap_assigned < 0) THEN 'met_assigned'
    ELSE 'missed'
  END AS status,
  -- A union's PGD areas (and its communes) ranked on a metric by how far each is from its own
  -- assigned value (targets differ between areas), best first: the relative gap, or the gap when
  -- assigned is 0.
  CASE WHEN slice IN ('union_pgd', 'union_commune') AND actual_value IS NOT NULL THEN
    rank() OVER (
      PARTITION BY year, union_code, metric_code, slice, actual_value IS NOT NULL
      ORDER BY coalesce(gap_assigned / nullif(abs(assigned_value), 0), gap_assigned)
    )
  END AS rank_in_union
FROM scored
