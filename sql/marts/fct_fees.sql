-- Grain: one row per data date × slice (province, union, PGD area, union × PGD area, commune,
-- union × commune): entrustment fees paid to the unions and commissions paid to the groups in the
-- month and in the year so far (PHIUYTHAC export).
WITH cells AS (
  SELECT
    f.data_date, f.union_code, f.pgd_code,
    coalesce(x.current_commune_code, f.commune_code_exported) AS commune_code,
    NULL::VARCHAR AS group_code, NULL::VARCHAR AS programme_code, NULL::VARCHAR AS funding_source_code,
    f.entrustment_fee,
    f.group_commission
  FROM stg_phiuythac__fees f
  LEFT JOIN int_commune_crosswalk x ON x.commune_code = f.commune_code_exported
)
SELECT
  *,
  sum(entrustment_fee) OVER ytd AS entrustment_fee_ytd,
  sum(group_commission) OVER ytd AS group_commission_ytd
FROM slice_rollup(cells)
WINDOW ytd AS (PARTITION BY slice_key, year(data_date) ORDER BY data_date)
