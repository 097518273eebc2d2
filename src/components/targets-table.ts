// Targets against actuals: assigned and stretch values, the actual at the year's last data date,
// how far above (+) or below (−) each target the actual stands, the status and, for a union's PGD
// areas, their rank. Values keep their metric's unit (money in triệu đồng, as targets are set), in
// the table and in the downloads.
import type * as fmt from "../lib/format.js";
import { statusLabel, type MetricInfo, type TargetResult } from "../lib/metrics.js";
import { dataTable, type TableColumn } from "./data-table.js";

export interface TargetsTableOptions {
  results: TargetResult[];
  catalogue: Map<string, MetricInfo>;
  unitName: (r: TargetResult) => string;
  unitHref?: (r: TargetResult) => string | null;
  caption: string;
  download: string;
  withRank?: boolean;
  /** Order by the rank (a union's PGD areas on one metric). */
  sortByRank?: boolean;
}

const comparatorText: Record<TargetResult["comparator"], string> = { "<": "<", "<=": "≤", ">=": "≥", ">": ">" };

function valueFormat(info: MetricInfo | undefined): fmt.CellFormat {
  if (info?.unit === "%") return { kind: "percent" };
  if (info?.unit === "đồng") return { kind: "money", money: "trieu" };
  return { kind: "count" };
}

function marginFormat(info: MetricInfo | undefined): fmt.CellFormat {
  if (info?.unit === "%") return { kind: "pointChange" };
  if (info?.unit === "đồng") return { kind: "moneyChange", money: "trieu" };
  return { kind: "countChange" };
}

/** The gap (> 0 = short) turned into a margin: + above the target, − below it. */
const margin = (gap: number | null) => (gap === null ? null : -gap);

export function targetsTable(o: TargetsTableOptions): HTMLElement {
  const info = (r: TargetResult) => o.catalogue.get(r.metric_code);
  const met = (r: TargetResult, level: "assigned" | "stretch") =>
    r.status === "no_data" ? "" : r.status === "met_stretch" || (level === "assigned" && r.status === "met_assigned") ? "good" : "bad";
  const columns: TableColumn<TargetResult>[] = [
    { key: "unit", label: "Đơn vị", kind: "text", value: o.unitName, href: o.unitHref },
    {
      key: "metric",
      label: "Chỉ tiêu (đơn vị, phép so sánh)",
      kind: "text",
      wrap: true,
      value: (r) => `${info(r)?.name_vi ?? r.metric_code} (${info(r)?.target_unit ?? ""}, ${comparatorText[r.comparator]})`,
    },
    { key: "assigned", label: "Chỉ tiêu giao", kind: "number", value: (r) => r.assigned_value, formatOf: (r) => valueFormat(info(r)) },
    { key: "stretch", label: "Chỉ tiêu phấn đấu", kind: "number", value: (r) => r.stretch_value, formatOf: (r) => valueFormat(info(r)) },
    { key: "actual", label: "Thực hiện", kind: "number", value: (r) => r.actual_value, formatOf: (r) => valueFormat(info(r)) },
    { key: "status", label: "Đánh giá", kind: "text", value: (r) => statusLabel[r.status], tone: (r) => met(r, "assigned") },
    {
      key: "marginAssigned",
      label: "Vượt (+) / thiếu (−) so với chỉ tiêu giao",
      kind: "number",
      value: (r) => margin(r.gap_assigned),
      formatOf: (r) => marginFormat(info(r)),
      tone: (r) => met(r, "assigned"),
    },
    {
      key: "marginStretch",
      label: "Vượt (+) / thiếu (−) so với chỉ tiêu phấn đấu",
      kind: "number",
      value: (r) => margin(r.gap_stretch),
      formatOf: (r) => marginFormat(info(r)),
      tone: (r) => (r.stretch_value === null ? "" : met(r, "stretch")),
    },
  ];
  if (o.withRank) columns.push({ key: "rank", label: "Xếp hạng trong Hội", kind: "count", value: (r) => r.rank_in_union });
  return dataTable({ caption: o.caption, columns, rows: o.results, download: o.download, sort: o.sortByRank ? { key: "rank" } : undefined });
}
