-- Grain: one row per commune code in the unit list (old or current), with the current commune it
-- belongs to after following the "Mã xã mới" chain (a commune may have been merged more than once).
-- Materialized: table (small, and every loan row joins it)
WITH RECURSIVE chain (commune_code, current_code, depth) AS (
  SELECT DISTINCT commune_code, commune_code, 0 FROM stg_dmdonvi__communes
  UNION ALL
  SELECT c.commune_code, s.successor_code, c.depth + 1
  FROM chain c
  JOIN stg_dmdonvi__communes s ON s.commune_code = c.current_code AND s.successor_code IS NOT NULL
  WHERE c.depth < 10
)
SELECT commune_code, arg_max(current_code, depth) AS current_commune_code
FROM chain
GROUP BY commune_code
