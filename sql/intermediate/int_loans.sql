-- Grain: one row per loan per data date, placed on today's communes so that series do not break
-- on 1/7/2025 (codes not in the unit list stay as exported).
SELECT
  l.*,
  coalesce(x.current_commune_code, l.commune_code_exported) AS commune_code
FROM stg_hstd__loans l
LEFT JOIN int_commune_crosswalk x ON x.commune_code = l.commune_code_exported
