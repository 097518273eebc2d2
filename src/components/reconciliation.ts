// Debt reconciliation (đối chiếu nợ): headline progress of a campaign, and the columns of the
// progress tables (per PGD area, union, commune, transaction point).
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import type { ReconciliationProgress } from "../lib/metrics.js";
import type { TableColumn } from "./data-table.js";
import { statCard } from "./kpi-cards.js";

export function progressKpis(p: ReconciliationProgress): HTMLElement {
  const left = p.customers_in_scope - p.customers_reconciled;
  return h(
    "div",
    { class: "kpi-grid" },
    statCard("Tiến độ đối chiếu (khách hàng)", fmt.percent(p.progress_pct), [
      { text: `${fmt.number(p.customers_reconciled)} / ${fmt.number(p.customers_in_scope)} khách hàng` },
      { text: left > 0 ? `Còn ${fmt.number(left)} khách hàng chưa đối chiếu` : "Đã đối chiếu hết", tone: left > 0 ? "bad" : "good" },
    ]),
    statCard("Món vay đã đối chiếu", `${fmt.number(p.loans_reconciled)} món`, [{ text: `trên ${fmt.number(p.loans_in_scope)} món trong phạm vi` }]),
    statCard("Dư nợ gốc đã đối chiếu", fmt.moneyWithUnit(p.principal_reconciled, "ty"), [{ text: `trên ${fmt.moneyWithUnit(p.principal, "ty")}` }]),
    statCard("Món vay có chênh lệch", `${fmt.number(p.loans_with_discrepancy)} món`, [
      { text: `Chênh lệch gốc: ${fmt.moneyWithUnit(p.principal_discrepancy, "trieu", 1)}` },
      { text: `Chênh lệch lãi: ${fmt.moneyWithUnit(p.interest_discrepancy, "trieu", 1)}` },
    ]),
  );
}

export function progressColumns(unit: {
  label: string;
  name: (r: ReconciliationProgress) => string;
  href: (r: ReconciliationProgress) => string | null;
}): TableColumn<ReconciliationProgress>[] {
  return [
    { key: "unit", label: unit.label, kind: "text", value: unit.name, href: unit.href },
    { key: "scope", label: "Khách hàng trong phạm vi", kind: "count", value: (r) => r.customers_in_scope },
    { key: "done", label: "Khách hàng đã đối chiếu", kind: "count", value: (r) => r.customers_reconciled },
    {
      key: "progress",
      label: "Tiến độ (%)",
      kind: "percent",
      value: (r) => r.progress_pct,
      tone: (r) => (r.progress_pct === null ? "" : r.progress_pct >= 100 ? "good" : "bad"),
    },
    { key: "loans", label: "Món vay đã đối chiếu", kind: "count", value: (r) => r.loans_reconciled },
    { key: "principal", label: "Dư nợ gốc trong phạm vi (triệu đồng)", kind: "money", money: "trieu", value: (r) => r.principal },
    { key: "discrepancies", label: "Món có chênh lệch", kind: "count", value: (r) => r.loans_with_discrepancy },
    { key: "pd", label: "Chênh lệch gốc (triệu đồng)", kind: "money", money: "trieu", digits: 1, value: (r) => r.principal_discrepancy },
  ];
}
