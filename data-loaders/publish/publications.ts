// What the pages may read: one query per published file, over one mart, whose rows are checked
// against that mart's zod contract (contracts.ts) before they are written. Nothing here may read
// raw_, stg_ or int_ tables: personal data stays in the warehouse (tests/publish enforces it).
// Dates are published as yyyy-mm-dd text under their own names.
import type { MartName } from "./contracts.js";

export interface Publication {
  mart: MartName;
  sql: string;
}

const latest = `(SELECT max(data_date) FROM dim_data_dates)`;

export const publications = {
  // The province and the unions, every data date: the overview and the annual review.
  "fct_metric_values-province-union": {
    mart: "fct_metric_values",
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, slice, union_code, pgd_code, metric_code,
            value, value_year_start, value_prev, change_ytd, change_ytd_pct, change_mom, change_mom_pct
          FROM fct_metric_values
          WHERE slice IN ('province', 'union')
          ORDER BY data_date, slice, union_code NULLS FIRST, metric_code`,
  },
  fct_target_results: {
    mart: "fct_target_results",
    sql: `SELECT year, strftime(data_date, '%Y-%m-%d') AS data_date, slice, union_code, pgd_code, metric_code, comparator,
            assigned_value, stretch_value, actual_value, gap_assigned, gap_stretch, status, rank_in_union
          FROM fct_target_results
          ORDER BY year, slice, union_code NULLS FIRST, pgd_code NULLS FIRST, metric_code`,
  },
  // Every group on the latest data date, for the follow-up lists.
  "fct_group_quality-latest": {
    mart: "fct_group_quality",
    sql: `SELECT * REPLACE (strftime(data_date, '%Y-%m-%d') AS data_date) FROM fct_group_quality
          WHERE data_date = ${latest} ORDER BY group_code`,
  },
  dim_data_dates: {
    mart: "dim_data_dates",
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, year, month,
            strftime(prev_date, '%Y-%m-%d') AS prev_date, strftime(year_start_date, '%Y-%m-%d') AS year_start_date,
            is_latest, is_year_end
          FROM dim_data_dates ORDER BY data_date`,
  },
  dim_unions: { mart: "dim_unions", sql: `SELECT * FROM dim_unions ORDER BY sort_order` },
  dim_branches: { mart: "dim_branches", sql: `SELECT * FROM dim_branches ORDER BY branch_code` },
  dim_pgds: { mart: "dim_pgds", sql: `SELECT * FROM dim_pgds ORDER BY pgd_code` },
  dim_metrics: { mart: "dim_metrics", sql: `SELECT * FROM dim_metrics ORDER BY sort_order` },
} satisfies Record<string, Publication>;

export type PublicationName = keyof typeof publications;
