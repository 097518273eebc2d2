// Lookups over the published metric values (mart fct_metric_values): one row per data date ×
// slice × metric, with the start-of-year and previous-month values already computed in SQL.

export type Slice =
  | "province"
  | "union"
  | "pgd"
  | "union_pgd"
  | "commune"
  | "union_commune"
  | "group"
  | "programme"
  | "union_programme"
  | "pgd_programme"
  | "funding_source";

/** A published metric value; series files carry only the date, slice key, metric and value. */
export interface SeriesValue {
  data_date: string;
  slice_key: string;
  metric_code: string;
  value: number | null;
}

export interface MetricValue extends SeriesValue {
  slice: Slice;
  union_code: string | null;
  pgd_code: string | null;
  commune_code: string | null;
  programme_code: string | null;
  funding_source_code: string | null;
  value_year_start: number | null;
  value_prev: number | null;
  change_ytd: number | null;
  change_ytd_pct: number | null;
  change_mom: number | null;
  change_mom_pct: number | null;
}

export interface MetricInfo {
  metric_code: string;
  name_vi: string;
  unit: string;
  better: "higher" | "lower" | "neutral";
  target_unit: string;
  /** The column of the slice marts (fct_balances …) that holds the metric. */
  source_column: string;
  sort_order: number;
}

export interface UnionInfo {
  union_code: string;
  short_name: string;
  name_vi: string;
  is_entrusted: boolean;
  sort_order: number;
}

export interface DataDate {
  data_date: string;
  year: number;
  month: number;
  prev_date: string | null;
  year_start_date: string | null;
  is_latest: boolean;
  is_year_end: boolean;
}

/** The slice key of sql/macros/slices.sql: the slice, then its codes in dimension order. */
export const sliceKey = (slice: Slice, ...codes: (string | null | undefined)[]) => [slice, ...codes.filter((c) => c)].join(":");

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

export interface Named {
  code: string;
  name: string;
}

export interface PgdInfo {
  pgd_code: string;
  pgd_name: string;
}

export interface CommuneInfo {
  commune_code: string;
  commune_name: string;
  pgd_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  is_current: boolean;
  current_commune_code: string;
}

export interface TargetResult {
  year: number;
  data_date: string | null;
  slice: "province" | "union" | "pgd" | "union_pgd" | "union_commune";
  union_code: string | null;
  pgd_code: string | null;
  commune_code: string | null;
  metric_code: string;
  better: MetricInfo["better"];
  comparator: "<" | "<=" | ">=" | ">";
  assigned_value: number;
  stretch_value: number | null;
  actual_value: number | null;
  gap_assigned: number | null;
  gap_stretch: number | null;
  status: "met_stretch" | "met_assigned" | "missed" | "no_data";
  rank_in_union: number | null;
}

export const statusLabel: Record<TargetResult["status"], string> = {
  met_stretch: "Đạt phấn đấu",
  met_assigned: "Đạt chỉ tiêu giao",
  missed: "Chưa đạt",
  no_data: "Không có số liệu",
};

export interface GroupQuality {
  data_date: string;
  group_code: string;
  union_code: string | null;
  pgd_code: string | null;
  commune_code: string | null;
  group_name: string | null;
  households: number | null;
  balance_total: number | null;
  balance_overdue: number | null;
  overdue_ratio_pct: number | null;
  savings_to_loan_pct: number | null;
  score_total: number | null;
  short_commune_transactions: number | null;
  short_overdue_ratio: number | null;
  short_due_collection: number | null;
  short_interest_collection: number | null;
  short_savings_participation: number | null;
  short_savings_growth: number | null;
  rating_class: string | null;
  rating_class_recomputed: string | null;
  class_mismatch: boolean | null;
  has_overdue: boolean;
  overdue_above_threshold: boolean;
  small_group: boolean;
  below_savings_target: boolean;
}
