-- Grain: one row per load × export kind × scope cell (data date × PGD area, year × union …) the
-- load touched: rows held before → after, the files the earlier rows came from, whether the load
-- was refused there (the cell would have shrunk too much) and whether the load was undone since.
SELECT
  r.run_id,
  strftime(u.started_at, '%Y-%m-%d %H:%M') AS loaded_at,
  r.kind,
  r.scope,
  r.data_key,
  r.pgd_code,
  r.rows_before,
  r.rows_after,
  r.files_before,
  r.refused,
  u.undone_at IS NOT NULL AS undone
FROM ingest_replacements r
JOIN ingest_runs u USING (run_id)
