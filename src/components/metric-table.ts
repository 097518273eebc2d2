// Areas side by side on one data date (unions, PGD areas, communes …): for each metric its value
// and, where asked, its change since 31/12 of the previous year, coloured by which way is better.
import * as fmt from "../lib/format.js";
import { changeTone, type MetricIndex, type MetricInfo } from "../lib/metrics.js";
import { dataTable, type TableColumn } from "./data-table.js";

export interface AreaRow {
  label: string;
  slice: string;
  href?: string | null;
}

export interface MetricColumn {
  metric: string;
  money?: fmt.MoneyUnit;
  /** Also show the change since 31/12 of the previous year. */
  change?: boolean;
}

export interface MetricTableOptions {
  index: MetricIndex;
  catalogue: Map<string, MetricInfo>;
  date: string;
  rows: AreaRow[];
  totals?: AreaRow[];
  metrics: MetricColumn[];
  caption: string;
  download: string;
  areaLabel: string;
  search?: boolean;
  sort?: { key: string; descending?: boolean };
}

/** "Dư nợ (tỷ đồng)", "Tỷ lệ nợ quá hạn (%)", "Số hộ còn dư nợ (hộ)". */
export function metricLabel(info: MetricInfo, money?: fmt.MoneyUnit): string {
  const unit = info.unit === "đồng" ? fmt.moneyUnitLabel[money ?? "ty"] : info.unit;
  return `${info.name_vi} (${unit})`;
}

export function metricTable(o: MetricTableOptions): HTMLElement {
  const columns: TableColumn<AreaRow>[] = [
    { key: "area", label: o.areaLabel, kind: "text", value: (r) => r.label, href: (r) => r.href ?? null },
  ];
  for (const m of o.metrics) {
    const info = o.catalogue.get(m.metric);
    if (!info) throw new Error(`unknown metric ${m.metric}`);
    const label = metricLabel(info, m.money);
    const kind: fmt.CellKind = info.unit === "%" ? "percent" : info.unit === "đồng" ? "money" : "count";
    const group = m.change ? label : undefined;
    columns.push({ key: m.metric, label, short: m.change ? "Số liệu" : undefined, group, kind, money: m.money, value: (r) => o.index.value(o.date, r.slice, m.metric) });
    if (m.change) {
      const changeKind: fmt.CellKind = info.unit === "%" ? "pointChange" : info.unit === "đồng" ? "moneyChange" : "countChange";
      columns.push({
        key: `${m.metric}-ytd`,
        label: `${info.name_vi}: thay đổi so với đầu năm (${info.unit === "%" ? "điểm %" : info.unit === "đồng" ? fmt.moneyUnitLabel[m.money ?? "ty"] : info.unit})`,
        short: info.unit === "%" ? "± điểm %" : "±",
        group,
        kind: changeKind,
        money: m.money,
        value: (r) => o.index.get(o.date, r.slice, m.metric)?.change_ytd ?? null,
        tone: (r) => changeTone(o.index.get(o.date, r.slice, m.metric)?.change_ytd, info.better),
      });
    }
  }
  return dataTable({
    caption: o.caption,
    columns,
    rows: o.rows,
    totals: o.totals,
    download: o.download,
    // On a phone the figures people look for first: Dư nợ, Nợ quá hạn, tỷ lệ nợ quá hạn.
    lead: ["DU_NO", "NQH", "TL_NQH"],
    search: o.search ? { label: "Tìm", text: (r) => r.label } : undefined,
    sort: o.sort,
  });
}
