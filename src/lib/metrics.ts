// What pages read, typed from the marts' zod contracts (data-loaders/publish/contracts.ts; a
// type-only import, nothing of zod reaches the browser), the slice keys, and lookups over the
// published metric values (mart fct_metric_values: one row per data date × slice × metric, with
// the change since 31/12 of the previous year computed in SQL).
import type { z } from "zod";
import type { martContracts } from "../../data-loaders/publish/contracts.js";

type Mart<K extends keyof typeof martContracts> = z.infer<(typeof martContracts)[K]>;

export type MetricInfo = Mart<"dim_metrics">;
export type DataDate = Mart<"dim_data_dates">;
export type UnionInfo = Mart<"dim_unions">;
export type PgdInfo = Mart<"dim_pgds">;
export type CommuneInfo = Mart<"dim_communes">;
export type ProgrammeInfo = Mart<"dim_programmes">;
export type Settings = Mart<"dim_settings">;
export type Criterion = Mart<"dim_score_criteria">;
export type Slice = Mart<"fct_balances">["slice"];
export type ReconciliationProgress = Mart<"fct_reconciliation_progress">;
/** A target judged at a data date, as published (data-loaders/publish/publications.ts). */
export type TargetResult = Omit<Mart<"fct_target_results">, "inherited" | "better" | "actual_value">;
/** A group as the follow-up lists receive it. */
export type GroupQuality = Pick<
  Mart<"fct_group_quality">,
  | "data_date"
  | "group_code"
  | "pgd_code"
  | "commune_code"
  | "group_name"
  | "households"
  | "balance_total"
  | "overdue_ratio_pct"
  | "savings_to_loan_pct"
  | "score_total"
  | "short_commune_transactions"
  | "short_overdue_ratio"
  | "short_due_collection"
  | "short_interest_collection"
  | "short_savings_participation"
  | "short_savings_growth"
  | "rating_class"
  | "rating_class_recomputed"
  | "class_mismatch"
  | "overdue_above_threshold"
  | "small_group"
  | "low_savings"
>;

/** A published metric value; series files carry only the date, slice key, metric and value. */
export interface SeriesValue {
  data_date: string;
  slice_key: string;
  metric_code: string;
  value: number | null;
}

type MetricRow = Mart<"fct_metric_values">;
/** As pages receive it: tables comparing areas leave the relative change out. */
export type MetricValue = SeriesValue & Pick<MetricRow, "change_ytd" | "unavailable_reason"> & Partial<Pick<MetricRow, "change_ytd_pct">>;

/** The slice key of sql/macros/slices.sql: the slice, then its codes in dimension order. */
export const sliceKey = (slice: Slice, ...codes: (string | null | undefined)[]) => [slice, ...codes.filter((c) => c)].join(":");

/** Every slice key pages use, built here only. */
export const keys = {
  province: "province",
  union: (union: string) => sliceKey("union", union),
  pgd: (pgd: string) => sliceKey("pgd", pgd),
  unionPgd: (union: string, pgd: string) => sliceKey("union_pgd", union, pgd),
  commune: (commune: string) => sliceKey("commune", commune),
  unionCommune: (union: string, commune: string) => sliceKey("union_commune", union, commune),
  programme: (programme: string) => sliceKey("programme", programme),
  unionProgramme: (union: string, programme: string) => sliceKey("union_programme", union, programme),
  pgdProgramme: (pgd: string, programme: string) => sliceKey("pgd_programme", pgd, programme),
} as const;

export class MetricIndex<V extends SeriesValue = MetricValue> {
  private readonly byKey = new Map<string, V>();
  readonly dates: string[];
  private readonly bySeries = new Map<string, V[]>();

  constructor(rows: V[]) {
    for (const r of rows) {
      const s = `${r.slice_key}|${r.metric_code}`;
      this.byKey.set(`${r.data_date}|${s}`, r);
      const list = this.bySeries.get(s) ?? [];
      list.push(r);
      this.bySeries.set(s, list);
    }
    for (const list of this.bySeries.values()) list.sort((a, b) => a.data_date.localeCompare(b.data_date));
    this.dates = [...new Set(rows.map((r) => r.data_date))].sort();
  }

  get(date: string, slice: string, metric: string): V | undefined {
    return this.byKey.get(`${date}|${slice}|${metric}`);
  }

  value(date: string, slice: string, metric: string): number | null {
    return this.get(date, slice, metric)?.value ?? null;
  }

  series(slice: string, metric: string): V[] {
    return this.bySeries.get(`${slice}|${metric}`) ?? [];
  }
}

/** A row of a wide series publication: a data date and slice, a column per metric. */
export type WideRow = { data_date: string; slice_key: string } & Record<string, string | number | null>;

/** Monthly series published wide (fct_balances-series), looked up like MetricIndex by metric code. */
export class WideIndex {
  private readonly bySlice = new Map<string, WideRow[]>();
  readonly dates: string[];

  constructor(
    rows: WideRow[],
    private readonly catalogue: Map<string, MetricInfo>,
  ) {
    for (const r of rows) {
      const list = this.bySlice.get(r.slice_key) ?? [];
      list.push(r);
      this.bySlice.set(r.slice_key, list);
    }
    for (const list of this.bySlice.values()) list.sort((a, b) => a.data_date.localeCompare(b.data_date));
    this.dates = [...new Set(rows.map((r) => r.data_date))].sort();
  }

  private column(metric: string): string {
    const column = this.catalogue.get(metric)?.source_column;
    if (!column) throw new Error(`metric ${metric} has no column`);
    return column;
  }

  series(slice: string, metric: string): SeriesValue[] {
    const column = this.column(metric);
    return (this.bySlice.get(slice) ?? [])
      .filter((r) => column in r)
      .map((r) => ({ data_date: r.data_date, slice_key: slice, metric_code: metric, value: r[column] as number | null }));
  }

  value(date: string, slice: string, metric: string): number | null {
    const row = this.bySlice.get(slice)?.find((r) => r.data_date === date);
    return (row?.[this.column(metric)] as number | null | undefined) ?? null;
  }
}

/** "good", "bad" or "" for a change, given which direction the metric prefers. */
export function changeTone(change: number | null | undefined, better: MetricInfo["better"]): "good" | "bad" | "" {
  if (change === null || change === undefined || change === 0 || better === "neutral") return "";
  return (change > 0) === (better === "higher") ? "good" : "bad";
}
