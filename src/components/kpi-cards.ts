// Headline figures of one data date, each with its «?», and its change since 31/12 of the previous
// year or why it cannot be shown. The same figures, as shown, are a sheet of the page's «whole
// report» workbook.
import { h, type Child } from "../lib/dom.js";
import { attachSheet, reportContext } from "../lib/download.js";
import * as fmt from "../lib/format.js";
import { changeFormat, changeText, changeUnit, valueFormat, valueText, type Figures, type Spec } from "../lib/display.js";
import { changeTone, keys } from "../lib/metrics.js";
import { metricHelp } from "./metric-help.js";

export interface KpiCard {
  metric: string;
  /** Money metrics: shown in this unit instead of the catalogue's. */
  money?: fmt.MoneyUnit;
  /** A ratio shown under the value, e.g. the NQH ratio under NQH. */
  ratio?: string;
}

/** One headline figure: its name (and «?»), the value, and lines under it (a tone colours a line). */
export function statCard(title: string, value: string, lines: { text: Child; tone?: string }[] = [], help?: HTMLElement): HTMLElement {
  return h(
    "div",
    { class: "card kpi" },
    h("div", { class: "kpi-head" }, h("h2", null, title), help),
    h("p", { class: "kpi-value" }, value),
    lines.map((l) => h("p", { class: `kpi-line ${l.tone ?? ""}`.trim() }, l.text)),
  );
}

export interface KpiOptions {
  /** The sheet's name and title in the whole-report workbook (default «Số liệu chính»). */
  sheet?: string;
}

export function kpiCards(fig: Figures, date: string, cards: KpiCard[], slice: string = keys.province, o: KpiOptions = {}): HTMLElement {
  const baseline = fig.baseline(date);
  const grid = h(
    "div",
    { class: "kpi-grid" },
    cards.map((card) => {
      const spec = fig.catalogue.spec(card.metric, card.money);
      const v = fig.get(date, slice, card.metric);
      const lines: { text: Child; tone?: string }[] = [];
      if (card.ratio) {
        const ratio = fig.catalogue.spec(card.ratio);
        lines.push({ text: [`${ratio.name}: `, h("strong", null, valueText(ratio, fig.get(date, slice, card.ratio).value))] });
      }
      if (v.reason) lines.push({ text: `Chưa có: ${v.reason}.`, tone: "muted" });
      else if (spec.info.change_kind !== "none") {
        lines.push(
          baseline
            ? { tone: changeTone(v.change, spec.info.better), text: `So với ${fmt.date(baseline)}: ${changeText(spec, v.change, v.changePct)}` }
            : { text: "Chưa có số liệu 31/12 năm trước để so sánh" },
        );
      }
      return statCard(spec.name, valueText(spec, v.value), lines, metricHelp(spec));
    }),
  );
  attachSheet(grid, () => kpiSheet(fig, date, cards, slice, baseline, o.sheet ?? "Số liệu chính"));
  return grid;
}

/** The cards as rows: each figure (and the ratio under it) in the unit and precision the card shows. */
function kpiSheet(fig: Figures, date: string, cards: KpiCard[], slice: string, baseline: string | null, name: string) {
  interface Row {
    spec: Spec;
    /** A ratio under a card shows no change of its own. */
    change: boolean;
  }
  const rows: Row[] = cards.flatMap((c) => [
    { spec: fig.catalogue.spec(c.metric, c.money), change: true },
    ...(c.ratio ? [{ spec: fig.catalogue.spec(c.ratio), change: false }] : []),
  ]);
  const at = (r: Row) => fig.get(date, slice, r.spec.code);
  const shownChange = (r: Row) => r.change && baseline !== null && changeFormat(r.spec) !== null;
  const withReason = rows.some((r) => at(r).reason);
  return {
    name,
    meta: { ...reportContext(), title: `${name} ngày ${fmt.date(date)}`, date, unit: "Đơn vị: ghi ở cột «Đơn vị» của từng dòng." },
    rows,
    columns: [
      { label: "Chỉ tiêu", kind: "text" as const, value: (r: Row) => r.spec.name },
      { label: "Đơn vị", kind: "text" as const, value: (r: Row) => r.spec.unit },
      { label: "Số liệu", kind: "number" as const, value: (r: Row) => at(r).value, formatOf: (r: Row) => valueFormat(r.spec) },
      {
        label: baseline ? `Thay đổi so với ${fmt.date(baseline)}` : "Thay đổi so với 31/12 năm trước",
        kind: "number" as const,
        value: (r: Row) => (shownChange(r) ? at(r).change : null),
        formatOf: (r: Row) => changeFormat(r.spec) ?? valueFormat(r.spec),
      },
      { label: "Đơn vị của thay đổi", kind: "text" as const, value: (r: Row) => (shownChange(r) ? changeUnit(r.spec) : null) },
      {
        label: "Thay đổi (%)",
        kind: "percentChange" as const,
        value: (r: Row) => (shownChange(r) && r.spec.info.change_kind === "relative" ? (at(r).changePct ?? null) : null),
      },
      ...(withReason ? [{ label: "Ghi chú", kind: "text" as const, value: (r: Row) => (at(r).reason ? `Chưa có: ${at(r).reason}` : null) }] : []),
    ],
  };
}
