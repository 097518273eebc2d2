-- The slices every loan-book figure is reported for, defined once:
--   province · union (00 = direct loans) · pgd · union_pgd · commune (today's) · union_commune
--   · group (Tổ TK&VV) · programme · union_programme · pgd_programme · funding_source
-- A slice row carries the codes of its own dimensions and NULL for the others; slice_key names it
-- ("union_pgd:02:051101").
CREATE OR REPLACE MACRO slice_key(slice, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code) AS
  concat_ws(':', slice, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code);

-- Cells: data_date, the six dimension codes, then measures. Direct loans have no group: their
-- group_code is NULL in cells, so they count in every slice but the group slices.
--
-- slice_rollup(cells): sums every measure column of a cell table into each slice. A slice over a dimension the cells do not carry (its code
-- NULL throughout, e.g. programme for group-level cells) is left out.
CREATE OR REPLACE MACRO slice_rollup(cells) AS TABLE
SELECT
  slice_key(slice, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code) AS slice_key,
  *
FROM (
  SELECT
    data_date,
    CASE grouping(union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code)
      WHEN 63 THEN 'province' WHEN 31 THEN 'union' WHEN 47 THEN 'pgd' WHEN 15 THEN 'union_pgd'
      WHEN 55 THEN 'commune' WHEN 23 THEN 'union_commune' WHEN 59 THEN 'group'
      WHEN 61 THEN 'programme' WHEN 29 THEN 'union_programme' WHEN 45 THEN 'pgd_programme' WHEN 62 THEN 'funding_source'
    END AS slice,
    union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code,
    sum(COLUMNS(* EXCLUDE (data_date, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code)))
  FROM query_table(cells)
  GROUP BY GROUPING SETS (
    (data_date), (data_date, union_code), (data_date, pgd_code), (data_date, union_code, pgd_code),
    (data_date, commune_code), (data_date, union_code, commune_code), (data_date, group_code),
    (data_date, programme_code), (data_date, union_code, programme_code), (data_date, pgd_code, programme_code),
    (data_date, funding_source_code)
  )
)
WHERE (slice NOT IN ('union', 'union_pgd', 'union_commune', 'union_programme') OR union_code IS NOT NULL)
  AND (slice NOT IN ('pgd', 'union_pgd', 'pgd_programme') OR pgd_code IS NOT NULL)
  AND (slice NOT IN ('commune', 'union_commune') OR commune_code IS NOT NULL)
  AND (slice <> 'group' OR group_code IS NOT NULL)
  AND (slice NOT IN ('programme', 'union_programme', 'pgd_programme') OR programme_code IS NOT NULL)
  AND (slice <> 'funding_source' OR funding_source_code IS NOT NULL);

-- slice_customers(rows): how many distinct customers (column customer_id) each slice holds; a
-- borrower with loans in two unions counts in each union and once in the province. Plain GROUP BYs:
-- count(DISTINCT) under GROUPING SETS is several times slower.
CREATE OR REPLACE MACRO slice_customers(rows_table) AS TABLE
WITH r AS MATERIALIZED (SELECT * FROM query_table(rows_table))
SELECT data_date, slice_key('province', NULL, NULL, NULL, NULL, NULL, NULL) AS slice_key, count(DISTINCT customer_id) AS customers FROM r GROUP BY data_date
UNION ALL SELECT data_date, slice_key('union', union_code, NULL, NULL, NULL, NULL, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, union_code
UNION ALL SELECT data_date, slice_key('pgd', NULL, pgd_code, NULL, NULL, NULL, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, pgd_code
UNION ALL SELECT data_date, slice_key('union_pgd', union_code, pgd_code, NULL, NULL, NULL, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, union_code, pgd_code
UNION ALL SELECT data_date, slice_key('commune', NULL, NULL, commune_code, NULL, NULL, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, commune_code
UNION ALL SELECT data_date, slice_key('union_commune', union_code, NULL, commune_code, NULL, NULL, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, union_code, commune_code
UNION ALL SELECT data_date, slice_key('group', NULL, NULL, NULL, group_code, NULL, NULL), count(DISTINCT customer_id) FROM r WHERE group_code IS NOT NULL GROUP BY data_date, group_code
UNION ALL SELECT data_date, slice_key('programme', NULL, NULL, NULL, NULL, programme_code, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, programme_code
UNION ALL SELECT data_date, slice_key('union_programme', union_code, NULL, NULL, NULL, programme_code, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, union_code, programme_code
UNION ALL SELECT data_date, slice_key('pgd_programme', NULL, pgd_code, NULL, NULL, programme_code, NULL), count(DISTINCT customer_id) FROM r GROUP BY data_date, pgd_code, programme_code
UNION ALL SELECT data_date, slice_key('funding_source', NULL, NULL, NULL, NULL, NULL, funding_source_code), count(DISTINCT customer_id) FROM r GROUP BY data_date, funding_source_code;
