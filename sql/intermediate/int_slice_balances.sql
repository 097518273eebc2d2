-- Grain: one row per data date × slice (sql/macros/slices.sql): the loan book summed, the distinct
-- households, the savings of members who owe and the group counts of each slice: the costly part
-- of fct_balances, built per data date. Ratios and comparisons across dates are in fct_balances.
-- Incremental: data_date
WITH loan_cells AS (SELECT * FROM int_loan_cells WHERE in_build(data_date)),
savings_cells AS (SELECT * FROM int_savings_cells WHERE in_build(data_date)),
group_cells AS (SELECT * FROM int_group_cells WHERE in_build(data_date)),
borrowers AS (SELECT * FROM int_borrowers WHERE in_build(data_date)),
loans AS (SELECT * FROM slice_rollup(loan_cells)),
savings AS (SELECT * EXCLUDE (slice, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code) FROM slice_rollup(savings_cells)),
groups AS (SELECT * EXCLUDE (slice, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code) FROM slice_rollup(group_cells)),
households AS (SELECT * FROM slice_customers(borrowers))
SELECT
  l.*,
  coalesce(h.customers, 0) AS households,
  s.savings_balance,
  s.members_with_loans,
  s.members_saving,
  -- A slice without groups (direct loans) has none; programme and funding slices have no group figures.
  CASE WHEN l.slice IN ('programme', 'union_programme', 'pgd_programme', 'funding_source') THEN NULL ELSE coalesce(COLUMNS(g.* EXCLUDE (data_date, slice_key)), 0) END
FROM loans l
LEFT JOIN households h ON h.data_date = l.data_date AND h.slice_key = l.slice_key
LEFT JOIN savings s ON s.data_date = l.data_date AND s.slice_key = l.slice_key
LEFT JOIN groups g ON g.data_date = l.data_date AND g.slice_key = l.slice_key
