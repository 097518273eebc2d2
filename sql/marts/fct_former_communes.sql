-- Grain: one row per data date × commune that no longer exists since the 2025 merger: the loans
-- booked there (before 1/7/2025) summed, so the old units stay reachable beside the series
-- re-aggregated onto today's communes.
-- Incremental: data_date
SELECT
  l.data_date,
  l.commune_code_exported AS commune_code,
  c.current_commune_code,
  count(*) FILTER (WHERE l.balance_total > 0)::DOUBLE AS loans,
  count(DISTINCT l.customer_id) FILTER (WHERE l.balance_total > 0)::DOUBLE AS households,
  sum(l.balance_total) AS balance_total,
  sum(l.balance_overdue) AS balance_overdue,
  sum(l.balance_frozen) AS balance_frozen,
  100 * sum(l.balance_overdue) / nullif(sum(l.balance_total), 0) AS overdue_ratio_pct,
  100 * (sum(l.balance_overdue) + sum(l.balance_frozen)) / nullif(sum(l.balance_total), 0) AS bad_debt_ratio_pct
FROM int_loans l
JOIN dim_communes c ON c.commune_code = l.commune_code_exported AND NOT c.is_current
WHERE in_build(l.data_date)
GROUP BY ALL
