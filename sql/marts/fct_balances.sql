-- Grain: one row per data date × slice (sql/macros/slices.sql): the province, each union (00 =
-- direct loans), PGD area, union × PGD area, commune, union × commune, group, programme, union ×
-- programme, PGD area × programme and funding source. Balances and monthly flows in đồng; counts; ratios in %. Every ratio is computed here
-- from the slice's summed balances, never averaged from child ratios; a zero denominator gives NULL.
-- Group figures (groups, members, groups to follow up) do not apply to programme and funding
-- source slices and are NULL there. The sums per slice come from int_slice_balances (built per data
-- date); what compares dates (previous month, year to date) is computed here over all of them.
WITH joined AS (
  SELECT
    b.*,
    d.prev_date,
    d.prev_date = last_day(b.data_date - INTERVAL 1 MONTH) AS prev_is_previous_month
  FROM int_slice_balances b
  JOIN dim_data_dates d ON d.data_date = b.data_date
),
-- The previous month end of the same slice, for the overdue that left this month.
sequenced AS (
  SELECT
    *,
    CASE WHEN prev_is_previous_month THEN lag(balance_overdue) OVER (PARTITION BY slice_key ORDER BY data_date) END AS prev_balance_overdue
  FROM joined
)
SELECT
  data_date,
  slice,
  slice_key,
  union_code,
  pgd_code,
  commune_code,
  group_code,
  programme_code,
  funding_source_code,
  groups::DOUBLE AS groups,
  households::DOUBLE AS households,
  loans::DOUBLE AS loans,
  balance_total,
  balance_performing,
  balance_overdue,
  balance_frozen,
  interest_arrears_performing,
  interest_arrears_overdue,
  coalesce(savings_balance, 0) AS savings_balance,
  members_with_loans::DOUBLE AS members_with_loans,
  members_saving::DOUBLE AS members_saving,
  groups_with_overdue::DOUBLE AS groups_with_overdue,
  groups_overdue_above_threshold::DOUBLE AS groups_overdue_above_threshold,
  groups_small::DOUBLE AS groups_small,
  groups_below_savings_target::DOUBLE AS groups_below_savings_target,
  100 * balance_overdue / nullif(balance_total, 0) AS overdue_ratio_pct,
  100 * (balance_overdue + balance_frozen) / nullif(balance_total, 0) AS bad_debt_ratio_pct,
  100 * savings_balance / nullif(balance_total, 0) AS savings_to_loan_pct,
  100 * members_saving / nullif(members_with_loans, 0) AS members_saving_pct,
  -- A union's share of entrusted outstanding: of the province for a union, of the PGD area or
  -- commune for union × PGD area and union × commune. Direct loans are not entrusted.
  CASE
    WHEN union_code = '00' THEN NULL
    WHEN slice = 'union' THEN 100 * balance_total / nullif(max(balance_entrusted) FILTER (WHERE slice = 'province') OVER (PARTITION BY data_date), 0)
    WHEN slice = 'union_pgd' THEN 100 * balance_total / nullif(max(balance_entrusted) FILTER (WHERE slice = 'pgd') OVER (PARTITION BY data_date, pgd_code), 0)
    WHEN slice = 'union_commune' THEN 100 * balance_total / nullif(max(balance_entrusted) FILTER (WHERE slice = 'commune') OVER (PARTITION BY data_date, commune_code), 0)
  END AS entrusted_share_pct,
  balance_entrusted / nullif(groups, 0) AS avg_balance_per_group,
  -- Members with outstanding per group (a household in two groups is a member of each).
  group_members / nullif(groups, 0) AS avg_households_per_group,
  100 * (groups - groups_with_overdue) / nullif(groups, 0) AS groups_without_overdue_pct,
  -- Monthly flows; the year-to-date sums add the months of the same year up to this one.
  disbursed,
  collected_performing,
  collected_overdue,
  collected_frozen,
  collected_performing + collected_overdue + collected_frozen AS collected,
  moved_to_overdue,
  moved_to_frozen,
  written_off,
  -- Overdue that left this month (collected, frozen or written off): last month + inflow − now.
  prev_balance_overdue + moved_to_overdue - balance_overdue AS overdue_outflow,
  CASE WHEN prev_is_previous_month THEN loans_newly_overdue END::DOUBLE AS loans_newly_overdue,
  sum(disbursed) OVER ytd AS disbursed_ytd,
  sum(collected_performing + collected_overdue + collected_frozen) OVER ytd AS collected_ytd,
  sum(moved_to_overdue) OVER ytd AS moved_to_overdue_ytd,
  sum(moved_to_frozen) OVER ytd AS moved_to_frozen_ytd,
  sum(written_off) OVER ytd AS written_off_ytd
FROM sequenced
WINDOW ytd AS (PARTITION BY slice_key, year(data_date) ORDER BY data_date)
