-- Grain: one row per data date × slice cell × customer with outstanding in that cell, for the
-- distinct counts of borrowers (households) per slice.
SELECT DISTINCT
  data_date,
  union_code,
  pgd_code,
  commune_code,
  CASE WHEN is_direct THEN NULL ELSE group_code END AS group_code,
  programme_code,
  coalesce(funding_source_code, '0') AS funding_source_code,
  customer_id
FROM int_loans
WHERE balance_total > 0
