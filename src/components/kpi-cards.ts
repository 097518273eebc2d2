// Headline figures of one data date, each with its change since 31/12 of the previous year.
import { h, type Child } from "../lib/dom.js";
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
  return h(
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
}
