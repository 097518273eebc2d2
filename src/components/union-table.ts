// Results per union (Hội đoàn thể nhận ủy thác) as in the unions' annual reports: groups,
// households with outstanding, outstanding, share, overdue and its ratio, each with its change
// since 31/12 of the previous year. The last row is the province.
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import { changeTone, sliceKey, type MetricIndex, type MetricInfo, type UnionInfo } from "../lib/metrics.js";

interface Column {
  metric: string;
  label: string;
  money?: fmt.MoneyUnit;
  withChange: boolean;
}

export const unionTableColumns: Column[] = [
  { metric: "SO_TO", label: "Số tổ TK&VV", withChange: true },
  { metric: "SO_HO", label: "Số hộ còn dư nợ", withChange: true },
  { metric: "DU_NO", label: "Dư nợ (tỷ đồng)", money: "ty", withChange: true },
  { metric: "TY_TRONG_UY_THAC", label: "Tỷ trọng dư nợ ủy thác", withChange: false },
  { metric: "NQH", label: "Nợ quá hạn (triệu đồng)", money: "trieu", withChange: true },
  { metric: "TL_NQH", label: "Tỷ lệ nợ quá hạn", withChange: true },
];

export interface UnionRow {
  label: string;
  slice: string;
}

/** Entrusted unions in report order, direct loans when there are any, then the province. */
export function unionRows(index: MetricIndex, unions: UnionInfo[], date: string): UnionRow[] {
  const rows = [...unions]
    .sort((a, b) => a.sort_order - b.sort_order)
    .filter((u) => u.is_entrusted || (index.value(date, sliceKey("union", u.union_code), "DU_NO") ?? 0) > 0)
    .map((u) => ({ label: u.name_vi, slice: sliceKey("union", u.union_code) }));
  return [...rows, { label: "Toàn tỉnh", slice: "province" }];
}

export function unionTable(index: MetricIndex, catalogue: Map<string, MetricInfo>, unions: UnionInfo[], date: string, baseline: string | null): HTMLElement {
  const cells = (slice: string, c: Column) => {
    const info = catalogue.get(c.metric)!;
    const v = index.get(date, slice, c.metric);
    const value = h("td", { class: "num" }, fmt.metric(v?.value ?? null, info.unit, c.money));
    if (!c.withChange) return [value];
    const change = h("td", { class: `num change ${changeTone(v?.change_ytd, info.better)}` }, fmt.metricChange(v?.change_ytd ?? null, info.unit, c.money));
    return [value, change];
  };
  const changeHeader = (c: Column) => (catalogue.get(c.metric)?.unit === "%" ? "± điểm %" : "±");
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "report" },
      h("caption", null, `Kết quả theo Hội đoàn thể nhận ủy thác, ngày ${fmt.date(date)}${baseline ? `; ± là biến động so với ${fmt.date(baseline)}` : ""}`),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", { scope: "col", rowspan: 2 }, "Hội đoàn thể"),
          unionTableColumns.map((c) => (c.withChange ? h("th", { scope: "colgroup", colspan: 2 }, c.label) : h("th", { scope: "col", rowspan: 2 }, c.label))),
        ),
        h("tr", null, unionTableColumns.filter((c) => c.withChange).map((c) => [h("th", { scope: "col" }, "Số liệu"), h("th", { scope: "col" }, changeHeader(c))])),
      ),
      h(
        "tbody",
        null,
        unionRows(index, unions, date).map((r) =>
          h("tr", { class: r.slice === "province" ? "total" : null }, h("th", { scope: "row" }, r.label), unionTableColumns.map((c) => cells(r.slice, c))),
        ),
      ),
    ),
  );
}
