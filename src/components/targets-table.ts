// Targets against actuals at one data date (mart fct_target_results): assigned and stretch values,
// the actual as judged (rounded to the metric's target precision), % hoàn thành, the verdict on
// 31/12 or the progress before it, the margin to each target and, for a union's PGD areas and
// communes, their rank. Values keep the target's unit (money in triệu đồng, as targets are set);
// a target is written with all its decimals, and its margin with as many, so what is shown adds up.
import * as Inputs from "@observablehq/inputs";
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import { marginFormat, targetFormat, type Catalogue } from "../lib/display.js";
import type { TargetResult } from "../lib/metrics.js";
import { choice, setParams } from "../lib/view-state.js";
import { dataTable, type TableColumn } from "./data-table.js";
import { metricGlossary } from "./metric-help.js";

const verdict: Record<TargetResult["status"], string> = {
  met_stretch: "Đạt phấn đấu",
  met_assigned: "Đạt chỉ tiêu giao",
  missed: "Chưa đạt",
  no_data: "Không có số liệu",
};
const progress: Record<TargetResult["status"], string> = {
  met_stretch: "Tiến độ: theo kịp phấn đấu",
  met_assigned: "Tiến độ: theo kịp chỉ tiêu giao",
  missed: "Tiến độ: chưa theo kịp",
  no_data: "Không có số liệu",
};

/** The status as words: a verdict on 31/12, progress before it. */
export const statusText = (r: TargetResult) => (r.is_final ? verdict : progress)[r.status];

const comparatorText: Record<TargetResult["comparator"], string> = { "<": "<", "<=": "≤", ">=": "≥", ">": ">" };
/** The gap (> 0 = short) turned into a margin: + above the target, − below it. */
const margin = (gap: number | null) => (gap === null ? null : -gap);

export interface TargetsTableOptions {
  /** The targets at one data date. */
  results: TargetResult[];
  catalogue: Catalogue;
  unitName: (r: TargetResult) => string;
  unitHref?: (r: TargetResult) => string | null;
  caption: string;
  download: string;
  withRank?: boolean;
  /** Order by the rank (a union's PGD areas on one metric). */
  sortByRank?: boolean;
}

export function targetsTable(o: TargetsTableOptions): HTMLElement {
  const info = (r: TargetResult) => o.catalogue.info(r.metric_code);
  const final = o.results.every((r) => r.is_final);
  const met = (r: TargetResult, level: "assigned" | "stretch") =>
    r.status === "no_data" ? "" : r.status === "met_stretch" || (level === "assigned" && r.status === "met_assigned") ? "good" : "bad";
  // One metric (a union's PGD areas on it): named once in the caption, so the figures come first on a phone.
  const metrics = new Set(o.results.map((r) => r.metric_code));
  const only = metrics.size === 1 ? o.results[0] : undefined;
  const metricText = (r: TargetResult) => `${info(r).name_vi} (${info(r).target_unit}, ${comparatorText[r.comparator]})`;
  const columns: TableColumn<TargetResult>[] = [
    { key: "unit", label: "Đơn vị", kind: "text", value: o.unitName, href: o.unitHref },
    ...(only ? [] : [{ key: "metric", label: "Chỉ tiêu (đơn vị, phép so sánh)", kind: "text" as const, wrap: true, value: metricText }]),
    { key: "assigned", label: "Chỉ tiêu giao", kind: "number", value: (r) => r.assigned_value, formatOf: (r) => targetFormat(info(r), r.assigned_value) },
    { key: "actual", label: "Thực hiện", kind: "number", value: (r) => r.actual_shown, formatOf: (r) => targetFormat(info(r)) },
    { key: "status", label: final ? "Đánh giá" : "Tiến độ (chưa hết năm)", kind: "text", value: statusText, tone: (r) => met(r, "assigned") },
    {
      key: "marginAssigned",
      label: "Vượt (+) / thiếu (−) so với chỉ tiêu giao",
      kind: "number",
      value: (r) => margin(r.gap_assigned),
      formatOf: (r) => marginFormat(info(r), r.assigned_value),
      tone: (r) => met(r, "assigned"),
    },
    { key: "completion", label: "% hoàn thành (chỉ tiêu giao)", kind: "percent", digits: 1, value: (r) => r.completion_pct },
    { key: "stretch", label: "Chỉ tiêu phấn đấu", kind: "number", value: (r) => r.stretch_value, formatOf: (r) => targetFormat(info(r), r.stretch_value) },
    {
      key: "marginStretch",
      label: "Vượt (+) / thiếu (−) so với chỉ tiêu phấn đấu",
      kind: "number",
      value: (r) => margin(r.gap_stretch),
      formatOf: (r) => marginFormat(info(r), r.stretch_value),
      tone: (r) => (r.stretch_value === null ? "" : met(r, "stretch")),
    },
  ];
  if (o.withRank) columns.push({ key: "rank", label: "Xếp hạng trong Hội", kind: "count", value: (r) => r.rank_in_union });
  const date = o.results[0]?.data_date;
  return h(
    "div",
    null,
    dataTable({ caption: only ? `${o.caption}: ${metricText(only)}` : o.caption, columns, rows: o.results, download: o.download, sort: o.sortByRank ? { key: "rank" } : undefined }),
    h(
      "p",
      { class: "table-note" },
      date
        ? final
          ? `Đánh giá theo số liệu ngày ${fmt.date(date)} (cuối năm). `
          : `Tiến độ theo số liệu ngày ${fmt.date(date)}: năm chưa kết thúc, chưa phải kết quả đánh giá cả năm. `
        : "",
      "Thực hiện được làm tròn như hiển thị (tỷ lệ 2 chữ số thập phân, tiền đến triệu đồng) rồi mới so với chỉ tiêu; với phép so sánh «<» hoặc «>», bằng chỉ tiêu là chưa đạt. ",
      "% hoàn thành = thực hiện ÷ chỉ tiêu giao × 100, chỉ tính cho chỉ tiêu «≥», «>». ",
      o.withRank ? "Xếp hạng trong Hội: theo mức vượt (+) / thiếu (−) so với chỉ tiêu giao của từng đơn vị như trong bảng, vượt nhiều nhất đứng đầu; bằng nhau thì cùng hạng." : "",
    ),
    metricGlossary([...metrics].map((code) => o.catalogue.spec(code))),
  );
}

export interface TargetsByMetricOptions extends Omit<TargetsTableOptions, "results" | "caption" | "download"> {
  /** The targets at one data date, of several metrics. */
  results: TargetResult[];
  /** The view parameter that keeps the metric chosen (?chi-tieu=…). */
  param: string;
  label: string;
  caption: (metric: string) => string;
  download: (metric: string) => string;
  empty: string;
}

/** A choice of metric and the units' targets on it, ranked: a union's PGD areas or communes. */
export function targetsByMetric(o: TargetsByMetricOptions): HTMLElement {
  const metrics = [...new Set(o.results.map((t) => t.metric_code))];
  if (!metrics.length) return h("p", null, o.empty);
  const select = Inputs.select(metrics, { label: o.label, format: (code: string) => o.catalogue.info(code).name_vi, value: choice(o.param, metrics, metrics[0]!) });
  const table = h("div");
  const show = () => {
    setParams({ [o.param]: select.value });
    table.replaceChildren(
      targetsTable({ ...o, results: o.results.filter((t) => t.metric_code === select.value), caption: o.caption(select.value), download: o.download(select.value), withRank: true, sortByRank: true }),
    );
  };
  select.addEventListener("input", show);
  show();
  return h("div", null, select, table);
}
