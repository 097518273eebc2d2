-- Grain: one row per loan in a debt-reconciliation campaign (đợt đối chiếu, phân loại nợ).
SELECT
  campaign_code,
  cutoff_date,
  pgd_code,
  commune_code AS commune_code_exported,
  transaction_point_code,
  transaction_point_name,
  group_code,
  coalesce(union_code, '00') AS union_code,
  customer_id,
  loan_id,
  principal::DOUBLE AS principal,
  coalesce(interest, 0)::DOUBLE AS interest,
  reconciled_on,
  handling_case,
  cause,
  coalesce(principal_discrepancy, 0) AS principal_discrepancy,
  coalesce(interest_discrepancy, 0) AS interest_discrepancy
FROM raw_doichieu
