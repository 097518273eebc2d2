-- Grain: one row per export file the ingest has seen, latest runs first: its kind, status (loaded,
-- superseded by a later file for the same scope, unusable, refused, undone), where its data date
-- came from, the unit its amounts were written in, rows that were no data, code cells cleaned, the data dates (or years,
-- campaigns) it carried, rows read, loaded and rejected, whether the loaded sums match the file's
-- totals row (NULL when it has none), and the message for an unusable file.
SELECT
  f.file_id,
  f.run_id,
  f.file_name,
  f.kind,
  f.status,
  f.data_keys,
  f.rows_read,
  f.rows_loaded,
  f.rows_rejected,
  f.totals_match,
  f.message,
  f.data_date_source,
  f.money_unit,
  coalesce(f.rows_skipped, 0) AS rows_skipped,
  coalesce(f.cells_cleaned, 0) AS cells_cleaned,
  strftime(f.loaded_at, '%Y-%m-%d %H:%M') AS loaded_at
FROM ingest_files f
