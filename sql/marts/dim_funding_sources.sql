-- Grain: one row per funding source (sql/seeds/ref_funding_sources.csv; 0 = not given).
SELECT funding_source_code, name_vi FROM ref_funding_sources
