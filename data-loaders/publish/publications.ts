// What the pages may read: one query per published file, over one mart, whose rows are checked
// against that mart's zod contract (contracts.ts) before they are written. Nothing here may read
// raw_, stg_ or int_ tables: personal data stays in the warehouse (tests/publish enforces it).
// Dates are published as yyyy-mm-dd text under their own names.
//
// A publication's name is the path of the file the pages read, under src/data/ without ".arrow":
// "xa/[xa]/fct_metric_values" is read by the commune page as data/xa/021000/fct_metric_values.arrow.
// A [parameter] in the name is a route parameter (routeParams): bound as a value, never pasted
// into the SQL.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { splitCsvLine } from "../ingest/csv-sniff.js";
import { sqlDir } from "../models/runner.js";
import type { MartName } from "./contracts.js";

export interface Publication {
  mart: MartName;
  sql: string;
}

export interface RouteParam {
  /** The form every value must have. */
  form: RegExp;
  /** The values pages are built for, one per row (column "value"). */
  values: string;
}

export const routeParams: Record<string, RouteParam> = {
  hoi: { form: /^\d{2}$/, values: `SELECT union_code AS value FROM dim_unions WHERE is_entrusted ORDER BY sort_order` },
  pgd: { form: /^\d{6}$/, values: `SELECT pgd_code AS value FROM dim_pgds ORDER BY pgd_code` },
  xa: { form: /^\d{6}$/, values: `SELECT commune_code AS value FROM dim_communes WHERE is_current ORDER BY commune_code` },
};

/** The route parameters of a publication, in the order its name gives them. */
export const paramsOf = (name: string) => [...name.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(", ");

/** The fct_balances columns of some metrics, from the catalogue (sql/seeds/ref_metrics.csv). */
const seriesColumns = (codes: readonly string[]) => {
  const catalogue = readFileSync(join(sqlDir, "seeds/ref_metrics.csv"), "utf8").trim().split("\n").slice(1).map((l) => splitCsvLine(l, ","));
  return codes.map((code) => catalogue.find((m) => m[0] === code)?.[2] ?? missingMetric(code)).join(", ");
};
const missingMetric = (code: string): never => {
  throw new Error(`metric ${code} is not in sql/seeds/ref_metrics.csv`);
};

/** Metrics of the monthly series pages draw. */
export const seriesMetrics = [
  "DU_NO", "DN_TRONG_HAN", "NQH", "NO_KHOANH", "TL_NQH", "TL_NQH_KHOANH", "TIEN_GUI", "TL_TIEN_GUI_DU_NO", "SO_HO", "SO_MON",
  "CHUYEN_QH", "NQH_GIAM", "SO_MON_QH_MOI", "DS_CHO_VAY", "DS_THU_NO", "CHUYEN_KHOANH", "XOA_NO",
] as const;
/** The few series kept for every commune on the analysts' page. */
export const communeSeriesMetrics = ["DU_NO", "NQH", "NO_KHOANH", "TL_NQH", "TL_NQH_KHOANH", "CHUYEN_QH"] as const;
/** Metrics of the tables that compare areas (PGD areas, communes) on a date (src/components/sections.ts). */
export const areaTableMetrics = [
  "SO_TO", "SO_HO", "DU_NO", "NQH", "TL_NQH", "TL_TIEN_GUI_DU_NO", "TL_TO_TOT", "SO_TO_CO_NQH", "SO_TO_NHO", "TY_TRONG_UY_THAC",
] as const;
const pageMetrics = [...new Set([...seriesMetrics, ...areaTableMetrics, "TG_SO_DU", "SO_TO_TOT", "SO_TO_KHA", "SO_TO_TRUNG_BINH", "SO_TO_YEU", "SO_TO_XEP_LOAI"])];

/**
 * What pages read of a metric value: the date, slice key, metric, value and change since 31/12, and
 * why a value is missing (unavailable_reason).
 * The slice's codes are in its key; the previous month's figures no page shows. Tables that compare
 * areas show no relative change, so their files leave change_ytd_pct out too.
 */
const metricColumns = (drop: string[] = []) =>
  `* EXCLUDE (slice, union_code, pgd_code, commune_code, group_code, programme_code, funding_source_code, value_year_start, value_prev,
     change_mom, change_mom_pct${drop.map((c) => `, ${c}`).join("")}) REPLACE (strftime(data_date, '%Y-%m-%d') AS data_date)`;
const targetColumns = `year, strftime(data_date, '%Y-%m-%d') AS data_date, is_final, slice, union_code, pgd_code, commune_code, metric_code,
  comparator, assigned_value, stretch_value, actual_shown, gap_assigned, gap_stretch, completion_pct, status, rank_in_union`;
/** What the follow-up lists show of a group. */
const groupColumns = `strftime(data_date, '%Y-%m-%d') AS data_date, group_code, pgd_code, commune_code, group_name, households, balance_total,
  overdue_ratio_pct, savings_to_loan_pct, score_total, short_commune_transactions, short_overdue_ratio, short_due_collection,
  short_interest_collection, short_savings_participation, short_savings_growth, rating_class, rating_class_recomputed, class_mismatch,
  overdue_above_threshold, small_group, low_savings`;

export const publications = {
  // The province and the unions, every data date: the overview and the annual review.
  "fct_metric_values-province-union": {
    mart: "fct_metric_values",
    sql: `SELECT ${metricColumns()} FROM fct_metric_values WHERE slice IN ('province', 'union') ORDER BY data_date, slice_key, metric_code`,
  },
  // Monthly series for the analysts, for the slices their filters pick: one row per data date and
  // slice with a column per metric (the columns of fct_balances that ref_metrics names), a tenth of
  // the same figures in long form to send and to decode. The communes' come in a file of their
  // own, so the page draws its charts before that one has arrived.
  "fct_balances-series": {
    mart: "fct_balances",
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, slice_key, ${seriesColumns(seriesMetrics)} FROM fct_balances
          WHERE slice IN ('province', 'union', 'pgd', 'union_pgd', 'programme', 'union_programme', 'pgd_programme')
          ORDER BY slice_key, data_date`,
  },
  "fct_balances-series-communes": {
    mart: "fct_balances",
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, slice_key, ${seriesColumns(communeSeriesMetrics)} FROM fct_balances
          WHERE slice = 'commune' ORDER BY slice_key, data_date`,
  },
  // Each union's overdue in each commune, for the analysts' ranking of communes under a union filter.
  "fct_balances-series-union-communes": {
    mart: "fct_balances",
    sql: `SELECT strftime(data_date, '%Y-%m-%d') AS data_date, slice_key, ${seriesColumns(["NQH", "TL_NQH"])} FROM fct_balances
          WHERE slice = 'union_commune' ORDER BY slice_key, data_date`,
  },
  // Every PGD area and commune (and the province, their total), to compare on any data date.
  "fct_metric_values-areas": {
    mart: "fct_metric_values",
    sql: `SELECT ${metricColumns(["change_ytd_pct"])} FROM fct_metric_values
          WHERE slice IN ('province', 'pgd', 'commune') AND metric_code IN (${list(areaTableMetrics)})
          ORDER BY data_date, slice_key, metric_code`,
  },
  // A union's PGD areas and communes, to compare on any data date, and the union itself (every metric).
  "hoi/[hoi]/fct_metric_values": {
    mart: "fct_metric_values",
    sql: `SELECT ${metricColumns()} FROM fct_metric_values
          WHERE union_code = $hoi AND (slice = 'union' OR slice IN ('union_pgd', 'union_commune') AND metric_code IN (${list(areaTableMetrics)}))
          ORDER BY data_date, slice_key, metric_code`,
  },
  // A PGD area over time: itself, its unions and its programmes.
  "pgd/[pgd]/fct_metric_values": {
    mart: "fct_metric_values",
    sql: `SELECT ${metricColumns()} FROM fct_metric_values
          WHERE slice IN ('pgd', 'union_pgd', 'pgd_programme') AND pgd_code = $pgd AND metric_code IN (${list(pageMetrics)})
          ORDER BY data_date, slice_key, metric_code`,
  },
  // The communes of a PGD area, to compare on any data date.
  "pgd/[pgd]/fct_metric_values-communes": {
    mart: "fct_metric_values",
    sql: `SELECT ${metricColumns(["change_ytd_pct"])} FROM fct_metric_values
          WHERE slice = 'commune' AND metric_code IN (${list(areaTableMetrics)})
            AND commune_code IN (SELECT commune_code FROM dim_communes WHERE pgd_code = $pgd AND is_current)
          ORDER BY data_date, slice_key, metric_code`,
  },
  // A commune over time: itself and its unions.
  "xa/[xa]/fct_metric_values": {
    mart: "fct_metric_values",
    sql: `SELECT ${metricColumns()} FROM fct_metric_values
          WHERE slice IN ('commune', 'union_commune') AND commune_code = $xa AND metric_code IN (${list(pageMetrics)})
          ORDER BY data_date, slice_key, metric_code`,
  },
  // Targets as assigned (province, unions, PGD areas), judged at every data date of their year; each
  // union's, with those its communes inherit, go with the union's page too.
  fct_target_results: {
    mart: "fct_target_results",
    sql: `SELECT ${targetColumns} FROM fct_target_results WHERE NOT inherited
          ORDER BY year, data_date, slice, union_code NULLS FIRST, pgd_code NULLS FIRST, metric_code`,
  },
  // A union's targets: its own, its PGD areas' and those its communes inherit.
  "hoi/[hoi]/fct_target_results": {
    mart: "fct_target_results",
    sql: `SELECT ${targetColumns} FROM fct_target_results WHERE union_code = $hoi
          ORDER BY year, data_date, slice, metric_code, rank_in_union NULLS LAST, pgd_code, commune_code`,
  },
  // A union's groups to follow up on every data date; every group of a commune on every data date.
  "hoi/[hoi]/fct_group_quality": {
    mart: "fct_group_quality",
    sql: `SELECT ${groupColumns} FROM fct_group_quality WHERE needs_followup AND union_code = $hoi ORDER BY data_date, group_code`,
  },
  "xa/[xa]/fct_group_quality": {
    mart: "fct_group_quality",
    sql: `SELECT ${groupColumns} FROM fct_group_quality WHERE commune_code = $xa ORDER BY data_date, group_code`,
  },
  "xa/[xa]/fct_former_communes": {
    mart: "fct_former_communes",
    sql: `SELECT * REPLACE (strftime(data_date, '%Y-%m-%d') AS data_date) FROM fct_former_communes
          WHERE current_commune_code = $xa ORDER BY data_date, commune_code`,
  },
  fct_risk_handling: {
    mart: "fct_risk_handling",
    sql: `SELECT * REPLACE (strftime(decided_on, '%Y-%m-%d') AS decided_on) FROM fct_risk_handling ORDER BY decided_on, slice, union_code, pgd_code, measure`,
  },
  fct_inspections: { mart: "fct_inspections", sql: `SELECT * FROM fct_inspections ORDER BY year, month, union_code, level` },
  fct_reconciliation_progress: {
    mart: "fct_reconciliation_progress",
    sql: `SELECT * REPLACE (strftime(cutoff_date, '%Y-%m-%d') AS cutoff_date) FROM fct_reconciliation_progress
          ORDER BY campaign_code, slice, union_code, pgd_code, commune_code, transaction_point_code`,
  },
  fct_reconciliation_cases: {
    mart: "fct_reconciliation_cases",
    sql: `SELECT * FROM fct_reconciliation_cases ORDER BY campaign_code, slice, union_code, pgd_code, commune_code, handling_case`,
  },
  fct_reconciliation_causes: {
    mart: "fct_reconciliation_causes",
    sql: `SELECT * FROM fct_reconciliation_causes ORDER BY campaign_code, union_code NULLS FIRST, handling_case, loans DESC`,
  },
  fct_reconciliation_daily: {
    mart: "fct_reconciliation_daily",
    sql: `SELECT * REPLACE (strftime(day, '%Y-%m-%d') AS day) FROM fct_reconciliation_daily ORDER BY campaign_code, pgd_code NULLS FIRST, day`,
  },
  rpt_ingest_files: { mart: "rpt_ingest_files", sql: `SELECT * FROM rpt_ingest_files ORDER BY run_id DESC, file_name` },
  rpt_quarantine_summary: { mart: "rpt_quarantine_summary", sql: `SELECT * FROM rpt_quarantine_summary ORDER BY file_name, first_line` },
  rpt_data_coverage: { mart: "rpt_data_coverage", sql: `SELECT * FROM rpt_data_coverage ORDER BY kind, data_key` },
  rpt_ingest_columns: { mart: "rpt_ingest_columns", sql: `SELECT * FROM rpt_ingest_columns ORDER BY file_id, position` },
  rpt_ingest_replacements: { mart: "rpt_ingest_replacements", sql: `SELECT * FROM rpt_ingest_replacements ORDER BY run_id DESC, kind, scope` },
  rpt_pgd_coverage: {
    mart: "rpt_pgd_coverage",
    sql: `SELECT * REPLACE (strftime(data_date, '%Y-%m-%d') AS data_date) FROM rpt_pgd_coverage ORDER BY data_date, pgd_code`,
  },
  // Every column (with the PGD areas a date lacks), dates as text.
  dim_data_dates: {
    mart: "dim_data_dates",
    sql: `SELECT * REPLACE (strftime(data_date, '%Y-%m-%d') AS data_date, strftime(prev_date, '%Y-%m-%d') AS prev_date,
            strftime(year_start_date, '%Y-%m-%d') AS year_start_date)
          FROM dim_data_dates ORDER BY data_date`,
  },
  dim_unions: { mart: "dim_unions", sql: `SELECT * FROM dim_unions ORDER BY sort_order` },
  dim_branches: { mart: "dim_branches", sql: `SELECT * FROM dim_branches ORDER BY branch_code` },
  dim_pgds: { mart: "dim_pgds", sql: `SELECT * FROM dim_pgds ORDER BY pgd_code` },
  dim_communes: {
    mart: "dim_communes",
    sql: `SELECT * REPLACE (strftime(valid_from, '%Y-%m-%d') AS valid_from, strftime(valid_to, '%Y-%m-%d') AS valid_to) FROM dim_communes ORDER BY commune_code`,
  },
  dim_programmes: { mart: "dim_programmes", sql: `SELECT * FROM dim_programmes ORDER BY programme_code` },
  dim_export_kinds: { mart: "dim_export_kinds", sql: `SELECT * FROM dim_export_kinds ORDER BY sort_order` },
  dim_handling_cases: { mart: "dim_handling_cases", sql: `SELECT * FROM dim_handling_cases ORDER BY handling_case` },
  dim_metrics: { mart: "dim_metrics", sql: `SELECT * FROM dim_metrics ORDER BY sort_order` },
  dim_score_criteria: { mart: "dim_score_criteria", sql: `SELECT * FROM dim_score_criteria ORDER BY sort_order` },
  dim_settings: { mart: "dim_settings", sql: `SELECT * FROM dim_settings` },
} satisfies Record<string, Publication>;

export type PublicationName = keyof typeof publications;
