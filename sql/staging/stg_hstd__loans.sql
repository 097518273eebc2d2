-- Grain: one row per loan (Số khế ước) per data date, from the HSTD loan listing.
-- Personal columns (names, ID numbers, birth dates, addresses, phones) stop here: nothing
-- downstream can select them. Amounts stay in đồng, as DOUBLE (exact below 9·10^15). An optional
-- column the file lacked is NULL (int_input_availability tells figures built on it apart).
SELECT
  data_date,
  branch_code,
  pgd_code,
  pgd_name,
  commune_code AS commune_code_exported,
  commune_name AS commune_name_exported,
  village_code,
  group_code,
  group_code = '0000000' AS is_direct,
  coalesce(union_code, '00') AS union_code,
  customer_id,
  loan_id,
  programme_code,
  funding_source AS funding_source_code,
  disbursed_on,
  due_on,
  extended_due_on,
  interest_rate,
  balance_performing::DOUBLE AS balance_performing,
  balance_overdue::DOUBLE AS balance_overdue,
  balance_frozen::DOUBLE AS balance_frozen,
  balance_total::DOUBLE AS balance_total,
  interest_arrears_performing::DOUBLE AS interest_arrears_performing,
  interest_arrears_overdue::DOUBLE AS interest_arrears_overdue,
  savings_balance::DOUBLE AS savings_balance,
  disbursed_in_month::DOUBLE AS disbursed_in_month,
  collected_performing::DOUBLE AS collected_performing,
  collected_overdue::DOUBLE AS collected_overdue,
  collected_frozen::DOUBLE AS collected_frozen,
  moved_to_overdue::DOUBLE AS moved_to_overdue,
  moved_to_frozen::DOUBLE AS moved_to_frozen,
  written_off::DOUBLE AS written_off,
  -- The file a row came from: which PGD files a data date holds (sql/macros/coverage.sql).
  _file_id
FROM raw_hstd
