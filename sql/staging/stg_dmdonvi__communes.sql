-- Grain: one row per commune code and validity period, from the unit list with the 2025 crosswalk.
SELECT
  branch_code,
  branch_name,
  pgd_code,
  pgd_name,
  commune_code,
  commune_name,
  valid_from,
  valid_to,
  successor_code
FROM raw_dmdonvi
