-- What the loan listings cover, defined once (the data page's mart and the load's summary use it):
-- per data date × PGD area, the loans and files held, and whether the area is missing on that date
-- though the date before or after it has it (a PGD's file not sent yet: the date's province total
-- is then a partial sum). `listing` names the table to read: stg_hstd__loans, or raw_hstd during a
-- load.
CREATE OR REPLACE MACRO pgd_coverage(listing) AS TABLE
WITH cells AS (
  SELECT data_date, pgd_code, count(*)::BIGINT AS loans, count(DISTINCT _file_id)::INTEGER AS files
  FROM query_table(listing) GROUP BY ALL
),
dates AS (
  SELECT data_date, lag(data_date) OVER w AS prev_date, lead(data_date) OVER w AS next_date
  FROM (SELECT DISTINCT data_date FROM cells) WINDOW w AS (ORDER BY data_date)
),
pgds AS (SELECT DISTINCT pgd_code FROM cells)
SELECT
  d.data_date,
  p.pgd_code,
  coalesce(c.loans, 0) AS loans,
  coalesce(c.files, 0) AS files,
  c.pgd_code IS NULL AND p.pgd_code IN (
    SELECT x.pgd_code FROM cells x WHERE x.data_date = d.prev_date OR x.data_date = d.next_date
  ) AS missing
FROM dates d
CROSS JOIN pgds p
LEFT JOIN cells c ON c.data_date = d.data_date AND c.pgd_code = p.pgd_code;
