-- Grain: one row per customer per data date. The savings balance repeats on every loan row of a
-- customer, so it is taken once here. Savings belong to the customer's "home" cell: the loan with
-- the largest outstanding, then the smallest loan number, so every customer is counted in exactly
-- one union, PGD area, commune, group, programme and funding source, and slices add up.
-- Incremental: data_date (two models read it; the per-customer aggregate is the costly part)
SELECT
  data_date,
  customer_id,
  home.union_code,
  home.pgd_code,
  home.commune_code,
  home.group_code,
  home.programme_code,
  home.funding_source_code,
  home.is_direct,
  customer_balance,
  savings_balance
FROM (
  SELECT
    data_date,
    customer_id,
    arg_min(
      {
        'union_code': union_code, 'pgd_code': pgd_code, 'commune_code': commune_code,
        'group_code': CASE WHEN is_direct THEN NULL ELSE group_code END,
        'programme_code': programme_code, 'funding_source_code': coalesce(funding_source_code, '0'), 'is_direct': is_direct
      },
      {'balance': -balance_total, 'loan_id': loan_id}
    ) AS home,
    sum(balance_total) AS customer_balance,
    max(savings_balance) AS savings_balance
  FROM int_loans
  WHERE in_build(data_date)
  GROUP BY data_date, customer_id
)
