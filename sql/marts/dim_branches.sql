-- Grain: one row per branch (Chi nhánh tỉnh): its name from the unit list, else its code.
WITH codes AS (
  SELECT DISTINCT branch_code FROM stg_hstd__loans
  UNION
  SELECT DISTINCT branch_code FROM stg_dmdonvi__communes
)
SELECT c.branch_code, coalesce(any_value(u.branch_name), 'Chi nhánh ' || c.branch_code) AS branch_name
FROM codes c
LEFT JOIN stg_dmdonvi__communes u USING (branch_code)
GROUP BY c.branch_code
