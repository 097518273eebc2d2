// Lookups over the published metric values (mart fct_metric_values): one row per data date ×
// slice × metric, with the start-of-year and previous-month values already computed in SQL.

export type Slice = "province" | "union" | "pgd" | "union_pgd";

export interface MetricValue {
  data_date: string;
  slice: Slice;
  union_code: string | null;
  pgd_code: string | null;
  metric_code: string;
  value: number | null;
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

export const sliceKey = (slice: Slice, union: string | null = null, pgd: string | null = null) =>
  [slice, union, pgd].filter((x) => x !== null).join(":");

export class MetricIndex {
  private readonly byKey = new Map<string, MetricValue>();
  private readonly bySeries = new Map<string, MetricValue[]>();

  constructor(rows: MetricValue[]) {
    for (const r of rows) {
      const s = `${sliceKey(r.slice, r.union_code, r.pgd_code)}|${r.metric_code}`;
      this.byKey.set(`${r.data_date}|${s}`, r);
      const list = this.bySeries.get(s) ?? [];
      list.push(r);
      this.bySeries.set(s, list);
    }
    for (const list of this.bySeries.values()) list.sort((a, b) => a.data_date.localeCompare(b.data_date));
  }

  get(date: string, slice: string, metric: string): MetricValue | undefined {
    return this.byKey.get(`${date}|${slice}|${metric}`);
  }

  value(date: string, slice: string, metric: string): number | null {
    return this.get(date, slice, metric)?.value ?? null;
  }

  series(slice: string, metric: string): MetricValue[] {
    return this.bySeries.get(`${slice}|${metric}`) ?? [];
  }
}

/** "good", "bad" or "" for a change, given which direction the metric prefers. */
export function changeTone(change: number | null | undefined, better: MetricInfo["better"]): "good" | "bad" | "" {
  if (change === null || change === undefined || change === 0 || better === "neutral") return "";
  return (change > 0) === (better === "higher") ? "good" : "bad";
}
