-- Grain: one row per export kind of the contract (data-loaders/contract/exports.ts): its code and
-- Vietnamese title, in the contract's order.
SELECT kind, title, sort_order::INTEGER AS sort_order FROM ref_export_kinds
