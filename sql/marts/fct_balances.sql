-- Grain: one row per data date × slice: the province, each union (Hội đoàn thể; 00 = direct
-- loans), each PGD area, and each union × PGD area. Balances in đồng. Every ratio is computed
-- here from the slice's summed balances, never averaged from child ratios.
WITH loans AS (
  SELECT
    data_date,
    grouping(union_code, pgd_code) AS g,
    union_code,
    pgd_code,
    count(*) FILTER (WHERE balance_total > 0) AS loans,
    sum(balance_total) AS balance_total,
    sum(balance_total) FILTER (WHERE NOT is_direct) AS balance_entrusted,
    sum(balance_performing) AS balance_performing,
    sum(balance_overdue) AS balance_overdue,
    sum(balance_frozen) AS balance_frozen,
    sum(interest_arrears_performing) AS interest_arrears_performing,
    sum(interest_arrears_overdue) AS interest_arrears_overdue
  FROM int_loans
  GROUP BY GROUPING SETS ((data_date), (data_date, union_code), (data_date, pgd_code), (data_date, union_code, pgd_code))
),
-- Distinct borrowers with outstanding: one who borrows in two slices counts in each of them and
-- once in their parent. DISTINCT then count(*) per level: count(DISTINCT) under GROUPING SETS
-- is several times slower.
borrowers AS MATERIALIZED (
  SELECT DISTINCT data_date, union_code, pgd_code, customer_id FROM int_loans WHERE balance_total > 0
),
households AS (
  SELECT data_date, 3 AS g, NULL AS union_code, NULL AS pgd_code, count(*) AS households
  FROM (SELECT DISTINCT data_date, customer_id FROM borrowers) GROUP BY ALL
  UNION ALL
  SELECT data_date, 1, union_code, NULL, count(*) FROM (SELECT DISTINCT data_date, union_code, customer_id FROM borrowers) GROUP BY ALL
  UNION ALL
  SELECT data_date, 2, NULL, pgd_code, count(*) FROM (SELECT DISTINCT data_date, pgd_code, customer_id FROM borrowers) GROUP BY ALL
  UNION ALL
  SELECT data_date, 0, union_code, pgd_code, count(*) FROM borrowers GROUP BY ALL
),
savings AS (
  SELECT
    data_date,
    grouping(union_code, pgd_code) AS g,
    union_code,
    pgd_code,
    -- Savings of members who still borrow: a customer listed only for a loan repaid this month
    -- drops out of the listing next month, and their savings with them.
    sum(savings_balance) FILTER (WHERE customer_balance > 0) AS savings_balance,
    count(*) FILTER (WHERE customer_balance > 0 AND NOT is_direct) AS members_with_loans,
    count(*) FILTER (WHERE customer_balance > 0 AND NOT is_direct AND savings_balance > 0) AS members_saving
  FROM int_customer_savings
  GROUP BY GROUPING SETS ((data_date), (data_date, union_code), (data_date, pgd_code), (data_date, union_code, pgd_code))
),
groups AS (
  SELECT
    data_date,
    grouping(union_code, pgd_code) AS g,
    union_code,
    pgd_code,
    count(*) FILTER (WHERE balance_total > 0) AS groups,
    sum(households) AS group_members,
    count(*) FILTER (WHERE balance_overdue > 0) AS groups_with_overdue,
    count(*) FILTER (
      WHERE balance_total > 0
        AND 100 * balance_overdue / balance_total > (SELECT overdue_group_threshold_pct FROM cfg_settings)
    ) AS groups_overdue_above_threshold
  FROM int_group_balances
  GROUP BY GROUPING SETS ((data_date), (data_date, union_code), (data_date, pgd_code), (data_date, union_code, pgd_code))
),
joined AS (
  SELECT
    l.*,
    coalesce(h.households, 0) AS households,
    coalesce(s.savings_balance, 0) AS savings_balance,
    coalesce(s.members_with_loans, 0) AS members_with_loans,
    coalesce(s.members_saving, 0) AS members_saving,
    coalesce(gr.groups, 0) AS groups,
    coalesce(gr.group_members, 0) AS group_members,
    coalesce(gr.groups_with_overdue, 0) AS groups_with_overdue,
    coalesce(gr.groups_overdue_above_threshold, 0) AS groups_overdue_above_threshold
  FROM loans l
  LEFT JOIN households h
    ON h.data_date = l.data_date AND h.g = l.g
    AND h.union_code IS NOT DISTINCT FROM l.union_code AND h.pgd_code IS NOT DISTINCT FROM l.pgd_code
  LEFT JOIN savings s
    ON s.data_date = l.data_date AND s.g = l.g
    AND s.union_code IS NOT DISTINCT FROM l.union_code AND s.pgd_code IS NOT DISTINCT FROM l.pgd_code
  LEFT JOIN groups gr
    ON gr.data_date = l.data_date AND gr.g = l.g
    AND gr.union_code IS NOT DISTINCT FROM l.union_code AND gr.pgd_code IS NOT DISTINCT FROM l.pgd_code
)
SELECT
  data_date,
  CASE g WHEN 3 THEN 'province' WHEN 1 THEN 'union' WHEN 2 THEN 'pgd' ELSE 'union_pgd' END AS slice,
  union_code,
  pgd_code,
  groups::DOUBLE AS groups,
  households::DOUBLE AS households,
  loans::DOUBLE AS loans,
  balance_total,
  balance_performing,
  balance_overdue,
  balance_frozen,
  interest_arrears_performing,
  interest_arrears_overdue,
  savings_balance,
  members_with_loans::DOUBLE AS members_with_loans,
  members_saving::DOUBLE AS members_saving,
  groups_with_overdue::DOUBLE AS groups_with_overdue,
  groups_overdue_above_threshold::DOUBLE AS groups_overdue_above_threshold,
  100 * balance_overdue / nullif(balance_total, 0) AS overdue_ratio_pct,
  100 * (balance_overdue + balance_frozen) / nullif(balance_total, 0) AS bad_debt_ratio_pct,
  100 * savings_balance / nullif(balance_total, 0) AS savings_to_loan_pct,
  100 * members_saving / nullif(members_with_loans, 0) AS members_saving_pct,
  -- A union's share of entrusted DN: of the province for a union, of the PGD area for union × PGD.
  CASE
    WHEN union_code = '00' THEN NULL
    WHEN g = 1 THEN 100 * balance_total / nullif(max(balance_entrusted) FILTER (WHERE g = 3) OVER (PARTITION BY data_date), 0)
    WHEN g = 0 THEN 100 * balance_total / nullif(max(balance_entrusted) FILTER (WHERE g = 2) OVER (PARTITION BY data_date, pgd_code), 0)
  END AS entrusted_share_pct,
  balance_entrusted / nullif(groups, 0) AS avg_balance_per_group,
  -- Members with outstanding per group (a household in two groups is a member of each).
  group_members / nullif(groups, 0) AS avg_households_per_group,
  100 * (groups - groups_with_overdue) / nullif(groups, 0) AS groups_without_overdue_pct
FROM joined
