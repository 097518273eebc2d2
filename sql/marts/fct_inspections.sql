-- Grain: one row per period (a month, or month 0 for the whole year) × union × inspection level
-- (Tỉnh, Huyện, Xã): inspections made and the distinct PGD areas, communes and groups they
-- covered, households visited, inspections with findings.
WITH i AS (
  SELECT s.*, coalesce(x.current_commune_code, s.commune_code_exported) AS commune_code,
    year(inspected_on)::INTEGER AS year, month(inspected_on)::INTEGER AS month
  FROM stg_kiemtra__inspections s
  LEFT JOIN int_commune_crosswalk x ON x.commune_code = s.commune_code_exported
)
SELECT
  year,
  coalesce(month, 0) AS month,
  union_code,
  level,
  count(*)::DOUBLE AS inspections,
  count(DISTINCT pgd_code)::DOUBLE AS pgd_areas,
  count(DISTINCT commune_code)::DOUBLE AS communes,
  count(DISTINCT group_code)::DOUBLE AS groups,
  sum(households_visited)::DOUBLE AS households_visited,
  count(*) FILTER (WHERE findings IS NOT NULL)::DOUBLE AS inspections_with_findings
FROM i
GROUP BY year, union_code, level, GROUPING SETS ((), (month))
