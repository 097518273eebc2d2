-- Grain: one row per data date × input (int_input_availability): whether the figures built on it
-- are whole for the month, and the months of the year so far (January to the date's month) that
-- lack it: a year-to-date figure needs every one of them.
-- Materialized: table
WITH dates AS (SELECT DISTINCT data_date FROM int_input_availability),
inputs AS (SELECT DISTINCT kind, input_column FROM int_input_availability)
SELECT
  d.data_date,
  i.kind,
  i.input_column,
  coalesce(a.available, false) AS available,
  (
    SELECT coalesce(list(k ORDER BY k), [])
    FROM range(1, month(d.data_date) + 1) r(k)
    WHERE NOT EXISTS (
      SELECT 1 FROM int_input_availability x
      WHERE x.kind = i.kind AND x.input_column = i.input_column AND x.available
        AND year(x.data_date) = year(d.data_date) AND month(x.data_date) = r.k
    )
  ) AS missing_months
FROM dates d
CROSS JOIN inputs i
LEFT JOIN int_input_availability a ON a.data_date = d.data_date AND a.kind = i.kind AND a.input_column = i.input_column
