-- Grain: one row per header of each file that was loaded (or refused): what the load did with it
-- (used for a contract column; ignored as not needed, as a quarter/year twin, as a former unit's
-- column or a duplicate; unknown) and why. Headers only: never a cell's value.
SELECT c.file_id, c.position + 1 AS position, c.header, c.status, c.column_key, c.note
FROM ingest_columns c
JOIN ingest_files f USING (file_id)
WHERE f.status IN ('loaded', 'refused', 'unusable')
