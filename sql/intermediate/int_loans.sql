-- Grain: one row per loan per data date, placed on today's communes so that series do not break
-- on 1/7/2025 (codes not in the unit list stay as exported), with the loan's overdue balance at the
-- previous month end (NULL when it was not listed then).
SELECT
  l.*,
  coalesce(x.current_commune_code, l.commune_code_exported) AS commune_code,
  CASE WHEN lag(l.data_date) OVER w = last_day(l.data_date - INTERVAL 1 MONTH) THEN lag(l.balance_overdue) OVER w END AS prev_balance_overdue
FROM stg_hstd__loans l
LEFT JOIN int_commune_crosswalk x ON x.commune_code = l.commune_code_exported
WINDOW w AS (PARTITION BY l.loan_id ORDER BY l.data_date)
