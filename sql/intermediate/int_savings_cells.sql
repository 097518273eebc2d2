-- Grain: one row per data date × slice cell: savings of the members who still owe (a customer
-- listed only for a loan repaid this month drops out of the listing next month, and their savings
-- with them), and how many group members owe and save.
-- Incremental: data_date
SELECT
  data_date,
  union_code,
  pgd_code,
  commune_code,
  group_code,
  programme_code,
  funding_source_code,
  coalesce(sum(savings_balance) FILTER (WHERE customer_balance > 0), 0) AS savings_balance,
  count(*) FILTER (WHERE customer_balance > 0 AND NOT is_direct) AS members_with_loans,
  count(*) FILTER (WHERE customer_balance > 0 AND NOT is_direct AND savings_balance > 0) AS members_saving
FROM int_customer_savings
WHERE in_build(data_date)
GROUP BY ALL
