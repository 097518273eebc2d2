-- Grain: one row per union × commune × month: fees and group commissions paid (PHIUYTHAC export).
SELECT
  data_date,
  pgd_code,
  commune_code AS commune_code_exported,
  union_code,
  entrustment_fee::DOUBLE AS entrustment_fee,
  group_commission::DOUBLE AS group_commission
FROM raw_phiuythac
