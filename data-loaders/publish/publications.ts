// What the pages may read: one query per published file, over marts only, with a zod contract
// that every row is checked against before it is written. Nothing here may read raw_, stg_ or int_
// tables: personal data stays in the warehouse (tests/publish enforces it).
import { z } from "zod";

const isoDate = z.iso.date();
const code = z.string().min(1);
const ratioOrAmount = z.number().nullable();

export interface Publication {
  sql: string;
  row: z.ZodObject<Record<string, z.ZodType>>;
}

export const publications = {
  // The province and the unions, every data date: the overview and the annual review.
  "fct_metric_values-province-union": {
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, slice, union_code, pgd_code, metric_code,
            value, value_year_start, value_prev, change_ytd, change_ytd_pct, change_mom, change_mom_pct
          FROM fct_metric_values
          WHERE slice IN ('province', 'union')
          ORDER BY data_date, slice, union_code NULLS FIRST, metric_code`,
    row: z.object({
      data_date: isoDate,
      slice: z.enum(["province", "union", "pgd", "union_pgd"]),
      union_code: code.nullable(),
      pgd_code: code.nullable(),
      metric_code: code,
      value: ratioOrAmount,
      value_year_start: ratioOrAmount,
      value_prev: ratioOrAmount,
      change_ytd: ratioOrAmount,
      change_ytd_pct: ratioOrAmount,
      change_mom: ratioOrAmount,
      change_mom_pct: ratioOrAmount,
    }),
  },
  fct_target_results: {
    sql: `SELECT year, strftime(data_date, '%Y-%m-%d') AS data_date, slice, union_code, pgd_code, metric_code, comparator,
            assigned_value, stretch_value, actual_value, gap_assigned, gap_stretch, status, rank_in_union
          FROM fct_target_results
          ORDER BY year, slice, union_code NULLS FIRST, pgd_code NULLS FIRST, metric_code`,
    row: z.object({
      year: z.number().int(),
      data_date: isoDate.nullable(),
      slice: z.enum(["province", "union", "pgd", "union_pgd"]),
      union_code: code.nullable(),
      pgd_code: code.nullable(),
      metric_code: code,
      comparator: z.enum(["<", "<=", ">=", ">"]),
      assigned_value: z.number(),
      stretch_value: ratioOrAmount,
      actual_value: ratioOrAmount,
      gap_assigned: ratioOrAmount,
      gap_stretch: ratioOrAmount,
      status: z.enum(["met_stretch", "met_assigned", "missed", "no_data"]),
      rank_in_union: z.number().int().positive().nullable(),
    }),
  },
  dim_data_dates: {
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, year, month,
            strftime(prev_date, '%Y-%m-%d') AS prev_date, strftime(year_start_date, '%Y-%m-%d') AS year_start_date,
            is_latest, is_year_end
          FROM dim_data_dates ORDER BY data_date`,
    row: z.object({
      data_date: isoDate,
      year: z.number().int(),
      month: z.number().int().min(1).max(12),
      prev_date: isoDate.nullable(),
      year_start_date: isoDate.nullable(),
      is_latest: z.boolean(),
      is_year_end: z.boolean(),
    }),
  },
  dim_unions: {
    sql: `SELECT union_code, short_name, name_vi, is_entrusted, sort_order FROM dim_unions ORDER BY sort_order`,
    row: z.object({ union_code: code, short_name: code, name_vi: code, is_entrusted: z.boolean(), sort_order: z.number().int() }),
  },
  dim_branches: {
    sql: `SELECT branch_code, branch_name FROM dim_branches ORDER BY branch_code`,
    row: z.object({ branch_code: code, branch_name: code }),
  },
  dim_pgds: {
    sql: `SELECT pgd_code, pgd_name FROM dim_pgds ORDER BY pgd_code`,
    row: z.object({ pgd_code: code, pgd_name: code }),
  },
  dim_metrics: {
    sql: `SELECT metric_code, name_vi, unit, better, target_unit, sort_order FROM dim_metrics ORDER BY sort_order`,
    row: z.object({
      metric_code: code,
      name_vi: code,
      unit: code,
      better: z.enum(["higher", "lower", "neutral"]),
      target_unit: code,
      sort_order: z.number().int(),
    }),
  },
} satisfies Record<string, Publication>;

export type PublicationName = keyof typeof publications;
