-- Grain: one row per PGD area: the name from the unit list, else the latest name in the HSTD export.
WITH from_units AS (
  SELECT pgd_code, any_value(pgd_name) AS pgd_name FROM stg_dmdonvi__communes GROUP BY pgd_code
),
from_loans AS (
  SELECT pgd_code, arg_max(pgd_name, data_date) AS pgd_name FROM stg_hstd__loans WHERE pgd_name IS NOT NULL GROUP BY pgd_code
)
SELECT pgd_code, coalesce(u.pgd_name, l.pgd_name, 'PGD ' || pgd_code) AS pgd_name
FROM from_loans l
FULL JOIN from_units u USING (pgd_code)
