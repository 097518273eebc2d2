-- Grain: one row per handling case (1–5) of a debt reconciliation, with what it means and what is
-- done about it (Quyết định 976/QĐ-TTg).
SELECT handling_case, name_vi FROM ref_handling_cases
