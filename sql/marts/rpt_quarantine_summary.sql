-- Grain: one row per file × column × reason among the rows the ingest rejected from files still in
-- use: how many rows, and the first 20 lines. Values are left out: a rejected row may carry
-- personal data.
SELECT
  q.file_id,
  f.file_name,
  f.kind,
  coalesce(q.column_header, '(cả dòng)') AS column_header,
  -- Reasons that quote amounts or lines vary row by row; their fixed part groups them.
  regexp_replace(q.reason, '[0-9]+', '…', 'g') AS reason,
  count(*) AS rows,
  min(q.line) AS first_line,
  nullif(array_to_string(list(q.line ORDER BY q.line) FILTER (WHERE q.line IS NOT NULL)[1:20], ', '), '') AS lines
FROM quarantine q
JOIN ingest_files f USING (file_id)
WHERE f.status = 'loaded'
GROUP BY ALL
