-- Grain: one row per data date × slice (groups, so no programme or funding slices): savings
-- deposited and withdrawn by members in the month and in the year so far, and the balance, as the
-- savings mobilisation export (TIETKIEM) reports them. Plans are targets on TG_SO_DU (CHITIEU).
WITH cells AS (
  SELECT
    t.data_date, t.union_code, t.pgd_code,
    coalesce(x.current_commune_code, t.commune_code_exported) AS commune_code,
    t.group_code, NULL::VARCHAR AS programme_code, NULL::VARCHAR AS funding_source_code,
    t.deposits AS savings_deposits,
    t.withdrawals AS savings_withdrawals,
    t.balance AS savings_mobilised_balance,
    coalesce(t.members_saving, 0)::DOUBLE AS savings_members
  FROM stg_tietkiem__group_savings t
  LEFT JOIN int_commune_crosswalk x ON x.commune_code = t.commune_code_exported
)
SELECT
  *,
  savings_deposits - savings_withdrawals AS savings_net,
  sum(savings_deposits) OVER ytd AS savings_deposits_ytd,
  sum(savings_withdrawals) OVER ytd AS savings_withdrawals_ytd
FROM slice_rollup(cells)
WINDOW ytd AS (PARTITION BY slice_key, year(data_date) ORDER BY data_date)
