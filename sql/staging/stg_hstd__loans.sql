-- Grain: one row per loan (Số khế ước) per data date, from the HSTD loan listing.
-- Personal columns (names, ID numbers, birth dates, addresses, phones) stop here: nothing
-- downstream can select them. Amounts stay in đồng, as DOUBLE (exact below 9·10^15).
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
  interest_rate,
  balance_performing::DOUBLE AS balance_performing,
  balance_overdue::DOUBLE AS balance_overdue,
  balance_frozen::DOUBLE AS balance_frozen,
  balance_total::DOUBLE AS balance_total,
  coalesce(interest_arrears_performing, 0)::DOUBLE AS interest_arrears_performing,
  coalesce(interest_arrears_overdue, 0)::DOUBLE AS interest_arrears_overdue,
  coalesce(savings_balance, 0)::DOUBLE AS savings_balance,
  coalesce(disbursed_in_month, 0)::DOUBLE AS disbursed_in_month,
  coalesce(collected_performing, 0)::DOUBLE AS collected_performing,
  coalesce(collected_overdue, 0)::DOUBLE AS collected_overdue,
  coalesce(collected_frozen, 0)::DOUBLE AS collected_frozen,
  coalesce(moved_to_overdue, 0)::DOUBLE AS moved_to_overdue,
  coalesce(moved_to_frozen, 0)::DOUBLE AS moved_to_frozen,
  coalesce(written_off, 0)::DOUBLE AS written_off,
  -- The file a row came from: which PGD files a data date holds (sql/macros/coverage.sql).
  _file_id
FROM raw_hstd
