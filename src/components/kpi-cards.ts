// Headline figures of one data date, each with its change since 31/12 of the previous year.
import { h, type Child } from "../lib/dom.js";
import { attachSheet, reportContext } from "../lib/download.js";
import * as fmt from "../lib/format.js";
import { changeTone, type MetricIndex, type MetricInfo } from "../lib/metrics.js";

export interface KpiCard {
  metric: string;
  /** Money metrics: shown in this unit. */
  money?: fmt.MoneyUnit;
  /** A ratio shown under the value, e.g. the NQH ratio under NQH. */
  ratio?: string;
  /** Show the change since 31/12 (default); flows summed over the year have none. */
  change?: boolean;
}

function valueText(value: number | null, info: MetricInfo, money: fmt.MoneyUnit | undefined): string {
  if (info.unit === "đồng") return fmt.moneyWithUnit(value, money ?? "ty");
  if (info.unit === "%") return fmt.percent(value);
  return `${fmt.number(value)} ${info.unit}`;
}

function changeText(change: number | null, changePct: number | null, info: MetricInfo, money: fmt.MoneyUnit | undefined): string {
  if (info.unit === "%") return fmt.pointChange(change);
  const unit = money ?? "ty";
  const abs = info.unit === "đồng" ? `${fmt.metricChange(change, info.unit, unit)} ${fmt.moneyUnitLabel[unit]}` : fmt.signed(change);
  return `${abs} (${fmt.percentChange(changePct)})`;
}

/** One headline figure: its name, the value, and lines under it (a tone colours a line). */
export function statCard(title: string, value: string, lines: { text: Child; tone?: string }[] = []): HTMLElement {
  return h(
    "div",
    { class: "card kpi" },
    h("h2", null, title),
    h("p", { class: "kpi-value" }, value),
    lines.map((l) => h("p", { class: `kpi-line ${l.tone ?? ""}`.trim() }, l.text)),
  );
}

export function kpiCards(
  index: MetricIndex,
  catalogue: Map<string, MetricInfo>,
  date: string,
  baseline: string | null,
  cards: KpiCard[],
  slice = "province",
): HTMLElement {
  const grid = h(
    "div",
    { class: "kpi-grid" },
    cards.map((card) => {
      const info = catalogue.get(card.metric)!;
      const v = index.get(date, slice, card.metric);
      const ratio = card.ratio ? index.get(date, slice, card.ratio) : undefined;
      const ratioInfo = card.ratio ? catalogue.get(card.ratio) : undefined;
      return statCard(info.name_vi, valueText(v?.value ?? null, info, card.money), [
        ...(ratio && ratioInfo ? [{ text: [`${ratioInfo.name_vi}: `, h("strong", null, fmt.percent(ratio.value))] }] : []),
        ...(card.change === false ? [] : [{
          tone: changeTone(v?.change_ytd, info.better),
          text: baseline
            ? `So với ${fmt.date(baseline)}: ${changeText(v?.change_ytd ?? null, v?.change_ytd_pct ?? null, info, card.money)}`
            : "Chưa có số liệu 31/12 năm trước",
        }]),
      ]);
    }),
  );
  // The same figures as a sheet of the page's «whole report» workbook.
  const rows = cards.map((card) => ({ card, info: catalogue.get(card.metric)!, v: index.get(date, slice, card.metric) }));
  const money = (r: (typeof rows)[number]) => r.card.money ?? "ty";
  attachSheet(grid, () => ({
    name: "Số liệu chính",
    meta: { ...reportContext(), title: `Số liệu chính ngày ${fmt.date(date)}`, date, unit: "Đơn vị: ghi ở cột «Đơn vị» của từng dòng." },
    rows,
    columns: [
      { label: "Chỉ tiêu", kind: "text", value: (r) => r.info.name_vi },
      { label: "Đơn vị", kind: "text", value: (r) => (r.info.unit === "đồng" ? fmt.moneyUnitLabel[money(r)] : r.info.unit) },
      { label: "Số liệu", kind: "number", value: (r) => r.v?.value ?? null, formatOf: (r) => (r.info.unit === "đồng" ? { kind: "money", money: money(r) } : r.info.unit === "%" ? { kind: "percent" } : { kind: "count" }) },
      {
        label: baseline ? `Thay đổi so với ${fmt.date(baseline)} (đơn vị như trên; tỷ lệ: điểm %)` : "Thay đổi so với 31/12 năm trước",
        kind: "number",
        value: (r) => (r.card.change === false ? null : (r.v?.change_ytd ?? null)),
        formatOf: (r) => (r.info.unit === "đồng" ? { kind: "moneyChange", money: money(r) } : r.info.unit === "%" ? { kind: "pointChange" } : { kind: "countChange" }),
      },
      { label: "Thay đổi (%)", kind: "percentChange", value: (r) => (r.card.change === false || r.info.unit === "%" ? null : (r.v?.change_ytd_pct ?? null)) },
    ],
  }));
  return grid;
}
