-- Grain: one row per Tổ TK&VV: its latest union, PGD area, today's commune and name, and the data
-- dates it appears in.
SELECT
  group_code,
  arg_max(union_code, data_date) AS union_code,
  arg_max(pgd_code, data_date) AS pgd_code,
  arg_max(commune_code, data_date) AS commune_code,
  coalesce(arg_max(group_name, data_date) FILTER (WHERE group_name IS NOT NULL), 'Tổ ' || group_code) AS group_name,
  min(data_date) AS first_date,
  max(data_date) AS last_date
FROM fct_group_quality
GROUP BY group_code
