-- Grain: one row per data date × PGD area of the loan listings (sql/macros/coverage.sql): loans
-- and files held, and whether the area is missing on that date though a neighbouring date has it.
SELECT
  c.data_date,
  c.pgd_code,
  p.pgd_name,
  c.loans,
  c.files,
  c.missing
FROM pgd_coverage('stg_hstd__loans') c
LEFT JOIN dim_pgds p USING (pgd_code)
