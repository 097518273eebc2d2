// Headline figures of one data date, each with its «?», and its change since 31/12 of the previous
// year or why it cannot be shown.
import { h, type Child } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import { changeText, valueText, type Figures } from "../lib/display.js";
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

export function kpiCards(fig: Figures, date: string, cards: KpiCard[], slice: string = keys.province): HTMLElement {
  const baseline = fig.baseline(date);
  return h(
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
}
