-- Grain: one row per Tổ TK&VV per month, from the savings mobilisation export (TIETKIEM).
SELECT
  data_date,
  pgd_code,
  commune_code AS commune_code_exported,
  group_code,
  union_code,
  members_saving,
  deposits::DOUBLE AS deposits,
  withdrawals::DOUBLE AS withdrawals,
  balance::DOUBLE AS balance
FROM raw_tietkiem
