-- Grain: one row per export kind × data date (or year, campaign): the rows held in the warehouse,
-- so the data page shows which periods each kind covers.
SELECT 'hstd' AS kind, strftime(data_date, '%Y-%m-%d') AS data_key, count(*) AS rows FROM stg_hstd__loans GROUP BY ALL
UNION ALL SELECT 'cdtotkvv', strftime(data_date, '%Y-%m-%d'), count(*) FROM stg_cdtotkvv__group_scores GROUP BY ALL
UNION ALL SELECT 'tietkiem', strftime(data_date, '%Y-%m-%d'), count(*) FROM stg_tietkiem__group_savings GROUP BY ALL
UNION ALL SELECT 'phiuythac', strftime(data_date, '%Y-%m-%d'), count(*) FROM stg_phiuythac__fees GROUP BY ALL
UNION ALL SELECT 'chitieu', year::VARCHAR, count(*) FROM stg_chitieu__targets GROUP BY ALL
UNION ALL SELECT 'doichieu', campaign_code, count(*) FROM stg_doichieu__reconciliation GROUP BY ALL
UNION ALL SELECT 'kiemtra', year(inspected_on)::VARCHAR, count(*) FROM stg_kiemtra__inspections GROUP BY ALL
UNION ALL SELECT 'xlrr', batch_code, count(*) FROM stg_xlrr__risk_handling GROUP BY ALL
UNION ALL SELECT 'dmdonvi', 'danh mục', count(*) FROM stg_dmdonvi__communes GROUP BY ALL
