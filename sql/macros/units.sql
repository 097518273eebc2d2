-- Units as target files write them («triệu đồng», «Tỷ đồng», «%», «tổ»): the factor that turns a
-- money unit into đồng, and the kind of any unit. Used by the ingest's checks of CHITIEU rows and by
-- stg_chitieu__targets, which converts a target written in another money unit. Lists, not IN (…):
-- DuckDB plans a long IN list as a join, which costs the ingest's read its row order. The money
-- spellings are those of data-loaders/contract/units.ts (title rows), tested to agree.
CREATE OR REPLACE MACRO unit_key(u) AS regexp_replace(strip_accents(replace(replace(lower(trim(u)), 'đ', 'd'), 'Đ', 'd')), '[^a-z0-9%]+', '', 'g');

CREATE OR REPLACE MACRO money_unit_factor(u) AS CASE
  WHEN list_contains(['dong', 'd', 'vnd'], unit_key(u)) THEN 1
  WHEN list_contains(['nghindong', 'ngandong', '1000dong', '1000d', 'nghin', 'ngan', 'nghind', 'ngand'], unit_key(u)) THEN 1000
  WHEN list_contains(['trieudong', 'trieu', 'trd', 'trdong', 'tr', '1000000dong', '1000000d'], unit_key(u)) THEN 1000000
  WHEN list_contains(['tydong', 'ty', 'tyd', '1000000000dong'], unit_key(u)) THEN 1000000000
END;

CREATE OR REPLACE MACRO unit_kind(u) AS CASE
  WHEN NULLIF(trim(u), '') IS NULL THEN NULL
  WHEN money_unit_factor(u) IS NOT NULL THEN 'money'
  WHEN list_contains(['%', 'phantram', 'tyle'], unit_key(u)) THEN 'percent'
  WHEN list_contains(['to', 'ho', 'mon', 'nguoi', 'khachhang', 'hogiadinh', 'kheuoc', 'tovien'], unit_key(u)) THEN 'count'
  ELSE 'unknown'
END;

-- A unit in brackets at the end of a target's name («Tổng dư nợ (tỷ đồng)»), when it is one.
CREATE OR REPLACE MACRO name_unit(metric_name) AS list_filter(
  [NULLIF(regexp_extract(coalesce(metric_name, ''), '[(]([^()]*)[)]\s*$', 1), '')], u -> unit_kind(u) IN ('money', 'percent', 'count'))[1];

-- The unit a target row states: its «Đơn vị tính», else the unit in its name.
CREATE OR REPLACE MACRO stated_unit(unit_label, metric_name) AS coalesce(NULLIF(trim(unit_label), ''), name_unit(metric_name));

-- The kind of a catalogue target unit (ref_metrics.target_unit).
CREATE OR REPLACE MACRO target_kind(target_unit) AS CASE WHEN target_unit = '%' THEN 'percent' WHEN target_unit LIKE '%đồng' THEN 'money' ELSE 'count' END;
