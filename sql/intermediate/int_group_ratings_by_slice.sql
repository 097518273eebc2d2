-- Grain: one row per data date × slice (province, union, PGD area, union × PGD area): groups
-- scored in the CDTOTKVV export by their stored class (the bank's class stands, see domain.md).
SELECT
  data_date,
  CASE grouping(union_code, pgd_code) WHEN 3 THEN 'province' WHEN 1 THEN 'union' WHEN 2 THEN 'pgd' ELSE 'union_pgd' END AS slice,
  union_code,
  pgd_code,
  count(*)::DOUBLE AS groups_rated,
  count(*) FILTER (WHERE rating_class = 'Tốt')::DOUBLE AS groups_tot,
  count(*) FILTER (WHERE rating_class = 'Khá')::DOUBLE AS groups_kha,
  count(*) FILTER (WHERE rating_class = 'Trung bình')::DOUBLE AS groups_trung_binh,
  count(*) FILTER (WHERE rating_class = 'Yếu')::DOUBLE AS groups_yeu,
  100.0 * count(*) FILTER (WHERE rating_class = 'Tốt') / count(*) AS groups_tot_pct,
  100.0 * count(*) FILTER (WHERE rating_class IN ('Tốt', 'Khá')) / count(*) AS groups_tot_kha_pct
FROM stg_cdtotkvv__group_scores
WHERE coalesce(balance_total, 1) > 0
GROUP BY GROUPING SETS ((data_date), (data_date, union_code), (data_date, pgd_code), (data_date, union_code, pgd_code))
