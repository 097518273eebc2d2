-- Grain: one row per union (Hội đoàn thể nhận ủy thác), plus 00 for direct loans.
SELECT union_code, short_name, name_vi, is_entrusted::BOOLEAN AS is_entrusted, sort_order::INTEGER AS sort_order
FROM ref_unions
