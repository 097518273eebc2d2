-- Grain: one row per data date × input of the monthly exports. For the loan listing, each optional
-- column a figure needs: available when every loan row of the date came from a file that had it
-- (an absent column is NULL in staging; an empty cell of a present amount column is 0). For every
-- monthly export kind, 'rows': it has rows on that date. A figure whose input is not available is
-- "không có số liệu", never a partial sum or 0.
-- Incremental: data_date
WITH listing AS (
  SELECT
    data_date,
    count(*) AS n_rows,
    count(interest_arrears_performing) AS interest_arrears_performing,
    count(interest_arrears_overdue) AS interest_arrears_overdue,
    count(savings_balance) AS savings_balance,
    count(disbursed_in_month) AS disbursed_in_month,
    count(collected_performing) AS collected_performing,
    count(collected_overdue) AS collected_overdue,
    count(collected_frozen) AS collected_frozen,
    count(moved_to_overdue) AS moved_to_overdue,
    count(moved_to_frozen) AS moved_to_frozen,
    count(written_off) AS written_off
  FROM stg_hstd__loans
  WHERE in_build(data_date)
  GROUP BY data_date
)
SELECT data_date, 'hstd' AS kind, input_column, n_present = n_rows AS available
FROM listing UNPIVOT (n_present FOR input_column IN (COLUMNS(* EXCLUDE (data_date, n_rows))))
UNION ALL SELECT DISTINCT data_date, 'hstd', 'rows', true FROM stg_hstd__loans WHERE in_build(data_date)
UNION ALL SELECT DISTINCT data_date, 'cdtotkvv', 'rows', true FROM stg_cdtotkvv__group_scores WHERE in_build(data_date)
UNION ALL SELECT DISTINCT data_date, 'tietkiem', 'rows', true FROM stg_tietkiem__group_savings WHERE in_build(data_date)
UNION ALL SELECT DISTINCT data_date, 'phiuythac', 'rows', true FROM stg_phiuythac__fees WHERE in_build(data_date)
