-- Grain: one row per data date × slice (sql/macros/slices.sql): the province, each union (00 =
-- direct loans), PGD area, union × PGD area, commune, union × commune, group, programme, union ×
-- programme, PGD area × programme and funding source. Balances and monthly flows in đồng; counts; ratios in %. Every ratio is computed here
-- from the slice's summed balances, never averaged from child ratios; a zero denominator gives NULL.
-- Group figures (groups, members, groups to follow up) do not apply to programme and funding
-- source slices and are NULL there. The sums per slice come from int_slice_balances (built per data
-- date); what compares dates (previous month, year to date) is computed here over all of them.
-- A figure whose input column some file of the date lacked is NULL ("không có số liệu", the reason
-- in fct_metric_values), and so is a year-to-date figure unless every month of the year so far
-- had its input (int_period_inputs).
WITH inputs AS (
  SELECT
    data_date,
    bool_and(available) FILTER (WHERE input_column = 'interest_arrears_performing') AS m_interest_arrears_performing,
    bool_and(available) FILTER (WHERE input_column = 'interest_arrears_overdue') AS m_interest_arrears_overdue,
    bool_and(available) FILTER (WHERE input_column = 'savings_balance') AS m_savings,
    bool_and(available) FILTER (WHERE input_column = 'disbursed_in_month') AS m_disbursed,
    bool_and(available) FILTER (WHERE input_column = 'collected_performing') AS m_collected_performing,
    bool_and(available) FILTER (WHERE input_column = 'collected_overdue') AS m_collected_overdue,
    bool_and(available) FILTER (WHERE input_column = 'collected_frozen') AS m_collected_frozen,
    bool_and(available) FILTER (WHERE input_column = 'moved_to_overdue') AS m_moved_to_overdue,
    bool_and(available) FILTER (WHERE input_column = 'moved_to_frozen') AS m_moved_to_frozen,
    bool_and(available) FILTER (WHERE input_column = 'written_off') AS m_written_off,
    bool_and(len(missing_months) = 0) FILTER (WHERE input_column = 'disbursed_in_month') AS y_disbursed,
    bool_and(len(missing_months) = 0) FILTER (WHERE input_column IN ('collected_performing', 'collected_overdue', 'collected_frozen')) AS y_collected,
    bool_and(len(missing_months) = 0) FILTER (WHERE input_column = 'moved_to_overdue') AS y_moved_to_overdue,
    bool_and(len(missing_months) = 0) FILTER (WHERE input_column = 'moved_to_frozen') AS y_moved_to_frozen,
    bool_and(len(missing_months) = 0) FILTER (WHERE input_column = 'written_off') AS y_written_off
  FROM int_period_inputs
  WHERE kind = 'hstd'
  GROUP BY data_date
),
joined AS (
  SELECT
    b.*,
    d.prev_date,
    d.prev_date = last_day(b.data_date - INTERVAL 1 MONTH) AS prev_is_previous_month,
    i.* EXCLUDE (data_date)
  FROM int_slice_balances b
  JOIN dim_data_dates d ON d.data_date = b.data_date
  LEFT JOIN inputs i ON i.data_date = b.data_date
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
  CASE WHEN m_interest_arrears_performing THEN interest_arrears_performing END AS interest_arrears_performing,
  CASE WHEN m_interest_arrears_overdue THEN interest_arrears_overdue END AS interest_arrears_overdue,
  CASE WHEN m_savings THEN coalesce(savings_balance, 0) END AS savings_balance,
  members_with_loans::DOUBLE AS members_with_loans,
  CASE WHEN m_savings THEN members_saving END::DOUBLE AS members_saving,
  groups_with_overdue::DOUBLE AS groups_with_overdue,
  groups_overdue_above_threshold::DOUBLE AS groups_overdue_above_threshold,
  groups_small::DOUBLE AS groups_small,
  CASE WHEN m_savings THEN groups_below_savings_target END::DOUBLE AS groups_below_savings_target,
  100 * balance_overdue / nullif(balance_total, 0) AS overdue_ratio_pct,
  100 * (balance_overdue + balance_frozen) / nullif(balance_total, 0) AS bad_debt_ratio_pct,
  CASE WHEN m_savings THEN 100 * coalesce(savings_balance, 0) / nullif(balance_total, 0) END AS savings_to_loan_pct,
  CASE WHEN m_savings THEN 100 * members_saving / nullif(members_with_loans, 0) END AS members_saving_pct,
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
  CASE WHEN m_disbursed THEN coalesce(disbursed, 0) END AS disbursed,
  CASE WHEN m_collected_performing THEN coalesce(collected_performing, 0) END AS collected_performing,
  CASE WHEN m_collected_overdue THEN coalesce(collected_overdue, 0) END AS collected_overdue,
  CASE WHEN m_collected_frozen THEN coalesce(collected_frozen, 0) END AS collected_frozen,
  CASE WHEN m_collected_performing AND m_collected_overdue AND m_collected_frozen
    THEN coalesce(collected_performing, 0) + coalesce(collected_overdue, 0) + coalesce(collected_frozen, 0) END AS collected,
  CASE WHEN m_moved_to_overdue THEN coalesce(moved_to_overdue, 0) END AS moved_to_overdue,
  CASE WHEN m_moved_to_frozen THEN coalesce(moved_to_frozen, 0) END AS moved_to_frozen,
  CASE WHEN m_written_off THEN coalesce(written_off, 0) END AS written_off,
  -- Overdue that left this month (collected, frozen or written off): last month + inflow − now.
  CASE WHEN m_moved_to_overdue THEN prev_balance_overdue + coalesce(moved_to_overdue, 0) - balance_overdue END AS overdue_outflow,
  CASE WHEN prev_is_previous_month THEN loans_newly_overdue END::DOUBLE AS loans_newly_overdue,
  CASE WHEN y_disbursed THEN sum(coalesce(disbursed, 0)) OVER ytd END AS disbursed_ytd,
  CASE WHEN y_collected THEN sum(coalesce(collected_performing, 0) + coalesce(collected_overdue, 0) + coalesce(collected_frozen, 0)) OVER ytd END AS collected_ytd,
  CASE WHEN y_moved_to_overdue THEN sum(coalesce(moved_to_overdue, 0)) OVER ytd END AS moved_to_overdue_ytd,
  CASE WHEN y_moved_to_frozen THEN sum(coalesce(moved_to_frozen, 0)) OVER ytd END AS moved_to_frozen_ytd,
  CASE WHEN y_written_off THEN sum(coalesce(written_off, 0)) OVER ytd END AS written_off_ytd
FROM sequenced
WINDOW ytd AS (PARTITION BY slice_key, year(data_date) ORDER BY data_date)
