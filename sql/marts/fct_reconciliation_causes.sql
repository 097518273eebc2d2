-- Grain: one row per campaign × union (NULL = all) × handling case × cause given: loans,
-- customers and principal, for the analysis of why loans are not simply current.
SELECT
  campaign_code,
  union_code,
  handling_case,
  cause,
  count(*)::DOUBLE AS loans,
  count(DISTINCT customer_id)::DOUBLE AS customers,
  sum(principal) AS principal,
  sum(interest) AS interest
FROM (SELECT * REPLACE (coalesce(cause, 'Không ghi nguyên nhân') AS cause) FROM int_reconciliation)
WHERE handling_case IS NOT NULL
GROUP BY campaign_code, handling_case, cause, GROUPING SETS ((), (union_code))
