// Targets against actuals: assigned and stretch values, the actual at the year's last data date,
// the gap still to close (> 0 = short), the status and, for a union's PGD areas, their rank.
import * as fmt from "../lib/format.js";
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
}

const comparatorText: Record<TargetResult["comparator"], string> = { "<": "<", "<=": "≤", ">=": "≥", ">": ">" };

/** The format of a target's values: its metric's unit, money in triệu đồng as targets are set. */
function valueFormat(info: MetricInfo | undefined): fmt.CellFormat {
  if (info?.unit === "%") return { kind: "percent" };
  if (info?.unit === "đồng") return { kind: "money", money: "trieu" };
  return { kind: "count" };
}

function gapFormat(info: MetricInfo | undefined): fmt.CellFormat {
  if (info?.unit === "%") return { kind: "pointChange" };
  if (info?.unit === "đồng") return { kind: "moneyChange", money: "trieu" };
  return { kind: "countChange" };
}

export function targetsTable(o: TargetsTableOptions): HTMLElement {
  const info = (r: TargetResult) => o.catalogue.get(r.metric_code);
  // Values of different metrics share a column: each cell carries its own format.
  const byRow = (pick: (r: TargetResult) => number | null, format: (i: MetricInfo | undefined) => fmt.CellFormat) =>
    ({ kind: "text", value: (r: TargetResult) => fmt.cell(pick(r), format(info(r))) }) as const;
  const columns: TableColumn<TargetResult>[] = [
    { key: "unit", label: "Đơn vị", kind: "text", value: o.unitName, href: o.unitHref },
    { key: "metric", label: "Chỉ tiêu", kind: "text", value: (r) => `${info(r)?.name_vi ?? r.metric_code} (${comparatorText[r.comparator]})` },
    { key: "assigned", label: "Chỉ tiêu giao", ...byRow((r) => r.assigned_value, valueFormat) },
    { key: "stretch", label: "Chỉ tiêu phấn đấu", ...byRow((r) => r.stretch_value, valueFormat) },
    { key: "actual", label: "Thực hiện", ...byRow((r) => r.actual_value, valueFormat) },
    { key: "gap", label: "Còn thiếu so với chỉ tiêu giao", ...byRow((r) => r.gap_assigned, gapFormat) },
    { key: "status", label: "Đánh giá", kind: "text", value: (r) => statusLabel[r.status], tone: (r) => (r.status === "missed" ? "bad" : r.status === "no_data" ? "" : "good") },
  ];
  if (o.withRank) columns.push({ key: "rank", label: "Xếp hạng trong Hội", kind: "count", value: (r) => r.rank_in_union });
  return dataTable({ caption: o.caption, columns, rows: o.results, download: o.download, sort: o.withRank ? { key: "rank" } : undefined });
}
