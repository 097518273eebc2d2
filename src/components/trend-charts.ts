// Monthly series: outstanding as bars, ratios or several amounts as lines. Axes and tooltips are
// written by lib/format.ts; every chart carries an accessible name.
import * as Plot from "@observablehq/plot";
import * as fmt from "../lib/format.js";
import type { SeriesValue } from "../lib/metrics.js";

interface Index {
  series(slice: string, metric: string): SeriesValue[];
}

export interface SeriesLine {
  metric: string;
  label: string;
  color: string;
}

const within = (from: string | null, to: string | null) => (d: SeriesValue) => (!from || d.data_date >= from) && (!to || d.data_date <= to);

/** Bars of one amount per month, in tỷ or triệu đồng. */
export function amountBars(index: Index, slice: string, metric: string, label: string, width: number, money: fmt.MoneyUnit = "ty", from: string | null = null, to: string | null = null) {
  const data = index.series(slice, metric).filter(within(from, to)).map((d) => ({ date: fmt.toDate(d.data_date), value: fmt.inUnit(d.value ?? 0, money) }));
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 64,
    ariaLabel: `${label} theo tháng (${fmt.moneyUnitLabel[money]})`,
    x: { type: "utc", label: null, ticks: Math.max(2, Math.floor(width / 95)), tickFormat: (d: Date) => fmt.month(d) },
    y: { label: `${label} (${fmt.moneyUnitLabel[money]})`, grid: true, tickFormat: (d: number) => fmt.number(d) },
    marks: [
      Plot.rectY(data, {
        x: "date",
        y: "value",
        interval: "month",
        inset: 1,
        fill: "#1565c0",
        title: (d) => `${fmt.month(d.date)}: ${fmt.number(d.value, money === "ty" ? 1 : 0)} ${fmt.moneyUnitLabel[money]}`,
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Lines of several series sharing a unit: "%" for ratios, or a money unit for amounts. */
export function lines(index: Index, slice: string, series: SeriesLine[], unit: "%" | fmt.MoneyUnit | "count", width: number, from: string | null = null, to: string | null = null) {
  const scale = (v: number | null) => (v === null ? null : unit === "ty" || unit === "trieu" ? fmt.inUnit(v, unit) : v);
  const unitLabel = unit === "%" ? "%" : unit === "count" ? "" : fmt.moneyUnitLabel[unit];
  const show = (v: number | null) => (unit === "%" ? fmt.percent(v) : unit === "count" ? fmt.number(v) : `${fmt.number(v, unit === "ty" ? 1 : 0)} ${unitLabel}`);
  const data = series.flatMap((s) =>
    index
      .series(slice, s.metric)
      .filter(within(from, to))
      .map((d) => ({ date: fmt.toDate(d.data_date), value: scale(d.value), series: s.label })),
  );
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 64,
    ariaLabel: `${series.map((s) => s.label).join(", ")} theo tháng`,
    x: { type: "utc", label: null, ticks: Math.max(2, Math.floor(width / 95)), tickFormat: (d: Date) => fmt.month(d) },
    y: { label: unitLabel ? `(${unitLabel})` : null, grid: true, zero: true, tickFormat: (d: number) => fmt.number(d, unit === "%" ? 2 : 0) },
    color: { domain: series.map((s) => s.label), range: series.map((s) => s.color), legend: true },
    marks: [
      Plot.lineY(data, { x: "date", y: "value", stroke: "series", marker: "circle-stroke" }),
      Plot.tip(data, Plot.pointerX({ x: "date", y: "value", title: (d) => `${d.series}, ${fmt.month(d.date)}: ${show(d.value)}` })),
    ],
  });
}
