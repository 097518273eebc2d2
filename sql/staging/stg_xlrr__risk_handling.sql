-- Grain: one row per loan × risk-handling batch × measure (XLRR export).
SELECT
  batch_code,
  decided_on,
  pgd_code,
  commune_code AS commune_code_exported,
  group_code,
  coalesce(union_code, '00') AS union_code,
  customer_id,
  loan_id,
  measure,
  cause,
  principal::DOUBLE AS principal,
  coalesce(interest, 0)::DOUBLE AS interest
FROM raw_xlrr
