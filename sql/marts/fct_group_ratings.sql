-- Grain: one row per data date × slice (sql/macros/slices.sql; groups, so no programme or funding
-- slices): groups scored by their stored class, the shares Tốt and Tốt + Khá, groups whose class
-- disagrees with the recomputed one, and groups short of full score on each criterion.
WITH cells AS (
  SELECT
    data_date, union_code, pgd_code, commune_code, group_code,
    NULL::VARCHAR AS programme_code, NULL::VARCHAR AS funding_source_code,
    1 AS groups_rated,
    (rating_class = 'Tốt')::INTEGER AS groups_tot,
    (rating_class = 'Khá')::INTEGER AS groups_kha,
    (rating_class = 'Trung bình')::INTEGER AS groups_trung_binh,
    (rating_class = 'Yếu')::INTEGER AS groups_yeu,
    (rating_class <> rating_class_recomputed)::INTEGER AS groups_class_mismatch,
    (short_commune_transactions > 0)::INTEGER AS groups_short_commune_transactions,
    (short_overdue_ratio > 0)::INTEGER AS groups_short_overdue_ratio,
    (short_due_collection > 0)::INTEGER AS groups_short_due_collection,
    (short_interest_collection > 0)::INTEGER AS groups_short_interest_collection,
    (short_savings_participation > 0)::INTEGER AS groups_short_savings_participation,
    (short_savings_growth > 0)::INTEGER AS groups_short_savings_growth
  FROM int_group_scores
)
SELECT
  * EXCLUDE (groups_rated, groups_tot, groups_kha, groups_trung_binh, groups_yeu, groups_class_mismatch,
    groups_short_commune_transactions, groups_short_overdue_ratio, groups_short_due_collection,
    groups_short_interest_collection, groups_short_savings_participation, groups_short_savings_growth),
  COLUMNS(c -> c LIKE 'groups_%')::DOUBLE,
  100.0 * groups_tot / groups_rated AS groups_tot_pct,
  100.0 * (groups_tot + groups_kha) / groups_rated AS groups_tot_kha_pct
FROM slice_rollup(cells)
