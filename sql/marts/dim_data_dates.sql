-- Grain: one row per data date found in the monthly exports (loan listing, group scoring, savings
-- mobilisation, fees), with the dates its changes are measured against: 31/12 of the previous year
-- (when loaded) and the previous data date; and the PGD areas whose loan listing the date lacks
-- though a neighbouring date has it (its province totals are then partial sums), as «name (code)».
WITH d AS (
  SELECT DISTINCT data_date FROM stg_hstd__loans
  UNION SELECT DISTINCT data_date FROM stg_cdtotkvv__group_scores
  UNION SELECT DISTINCT data_date FROM stg_tietkiem__group_savings
  UNION SELECT DISTINCT data_date FROM stg_phiuythac__fees
),
missing AS (
  SELECT c.data_date, string_agg(coalesce(p.pgd_name, 'PGD ' || c.pgd_code) || ' (' || c.pgd_code || ')', ', ' ORDER BY c.pgd_code) AS names
  FROM pgd_coverage('stg_hstd__loans') c
  LEFT JOIN dim_pgds p USING (pgd_code)
  WHERE c.missing
  GROUP BY c.data_date
)
SELECT
  data_date,
  year(data_date)::INTEGER AS year,
  month(data_date)::INTEGER AS month,
  lag(data_date) OVER (ORDER BY data_date) AS prev_date,
  CASE WHEN make_date(year(data_date) - 1, 12, 31) IN (SELECT data_date FROM d)
    THEN make_date(year(data_date) - 1, 12, 31) END AS year_start_date,
  data_date = max(data_date) OVER () AS is_latest,
  month(data_date) = 12 AND day(data_date) = 31 AS is_year_end,
  m.names AS missing_pgd_names
FROM d
LEFT JOIN missing m USING (data_date)
