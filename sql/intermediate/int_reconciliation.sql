-- Grain: one row per loan in a reconciliation campaign, on today's communes, with whether the
-- loan was reconciled and whether every loan of its customer in the campaign was.
SELECT
  r.*,
  coalesce(x.current_commune_code, r.commune_code_exported) AS commune_code,
  r.reconciled_on IS NOT NULL AS reconciled,
  bool_and(r.reconciled_on IS NOT NULL) OVER (PARTITION BY r.campaign_code, r.customer_id) AS customer_reconciled,
  -- A customer is counted once, in the slice of their first loan (by loan number).
  row_number() OVER (PARTITION BY r.campaign_code, r.customer_id ORDER BY r.loan_id) = 1 AS customer_first_loan,
  r.principal_discrepancy <> 0 OR r.interest_discrepancy <> 0 AS has_discrepancy
FROM stg_doichieu__reconciliation r
LEFT JOIN int_commune_crosswalk x ON x.commune_code = r.commune_code_exported
