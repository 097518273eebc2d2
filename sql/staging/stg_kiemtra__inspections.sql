-- Grain: one row per inspection by a union (KIEMTRA export).
SELECT
  inspection_id,
  inspected_on,
  union_code,
  level,
  pgd_code,
  commune_code AS commune_code_exported,
  group_code,
  coalesce(households_visited, 0) AS households_visited,
  findings
FROM raw_kiemtra
