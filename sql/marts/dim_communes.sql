-- Grain: one row per commune code in the unit list or the loan listings: its name, PGD area,
-- validity, whether it exists today, and the commune it belongs to today (itself if current).
WITH listed AS (
  SELECT commune_code_exported AS commune_code, arg_max(commune_name_exported, data_date) AS commune_name, arg_max(pgd_code, data_date) AS pgd_code
  FROM stg_hstd__loans GROUP BY 1
),
units AS (
  SELECT commune_code, arg_max(commune_name, valid_from) AS commune_name, arg_max(pgd_code, valid_from) AS pgd_code,
    min(valid_from) AS valid_from, max(valid_to) AS valid_to, bool_or(valid_to IS NULL) AS open_ended
  FROM stg_dmdonvi__communes GROUP BY 1
)
SELECT
  commune_code,
  coalesce(u.commune_name, l.commune_name, 'Xã ' || commune_code) AS commune_name,
  coalesce(u.pgd_code, l.pgd_code) AS pgd_code,
  u.valid_from,
  CASE WHEN u.open_ended THEN NULL ELSE u.valid_to END AS valid_to,
  coalesce(u.open_ended, true) AS is_current,
  coalesce(x.current_commune_code, commune_code) AS current_commune_code
FROM units u
FULL JOIN listed l USING (commune_code)
LEFT JOIN int_commune_crosswalk x USING (commune_code)
