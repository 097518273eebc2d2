-- Grain: one row per lending programme (sql/seeds/ref_programmes.csv).
SELECT programme_code, short_name, name_vi, rate_pct::DOUBLE AS rate_pct, limit_trieu::DOUBLE AS limit_trieu, max_term_months::INTEGER AS max_term_months
FROM ref_programmes
