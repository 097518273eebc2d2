// Monthly series: outstanding as bars, ratios or several amounts as lines. Axes and tooltips are
// written by lib/format.ts, colours come from lib/palette.ts, month labels are thinned to the
// chart's width, and every chart carries an accessible name and a keyboard-reachable data table.
import * as Plot from "@observablehq/plot";
import * as fmt from "../lib/format.js";
import type { SeriesValue } from "../lib/metrics.js";
import * as palette from "../lib/palette.js";
import { chartWithData, monthTicks } from "./chart-data.js";

interface Index {
  series(slice: string, metric: string): SeriesValue[];
}

export interface SeriesLine {
  metric: string;
  label: string;
  /** Another slice than the chart's (e.g. one line per union). */
  slice?: string;
  /** The series' own colour where the palette decides by something else (e.g. palette.unionColor). */
  paletteColor?: string;
}

const within = (from: string | null, to: string | null) => (d: SeriesValue) => (!from || d.data_date >= from) && (!to || d.data_date <= to);
const marginLeft = 64;
// Room for half of the last month label, which sits on the last data date at the right edge.
const marginRight = 32;

/** Framework's resize() can ask for a chart before its card has its width: never narrower than this. */
const minWidth = 240;

/** What every monthly chart shares: its size, margins, accessible name and month axis. */
function monthFrame(width: number, caption: string, months: Date[]) {
  return {
    width,
    height: 260,
    marginLeft,
    marginRight,
    ariaLabel: caption,
    x: { type: "utc" as const, label: null, ticks: monthTicks(months, width - marginLeft - marginRight), tickFormat: (d: Date) => fmt.month(d) },
  };
}

/** The month a data date (a month end) belongs to, as the bar's span and its middle for the label. */
function monthOf(iso: string) {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1;
  return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)), mid: new Date(Date.UTC(y, m, 16)) };
}

/** Bars of one amount per month, in tỷ or triệu đồng. */
export function amountBars(index: Index, slice: string, metric: string, label: string, cardWidth: number, money: fmt.MoneyUnit = "ty", from: string | null = null, to: string | null = null) {
  const width = Math.max(minWidth, cardWidth);
  const data = index
    .series(slice, metric)
    .filter(within(from, to))
    .map((d) => ({ iso: d.data_date, ...monthOf(d.data_date), dong: d.value, value: d.value === null ? null : fmt.inUnit(d.value, money) }));
  const caption = `${label} theo tháng (${fmt.moneyUnitLabel[money]})`;
  const chart = Plot.plot({
    ...monthFrame(width, caption, data.map((d) => d.mid)),
    y: { label: `${label} (${fmt.moneyUnitLabel[money]})`, grid: true, tickFormat: (d: number) => fmt.number(d) },
    marks: [
      Plot.rectY(data, {
        x1: "start",
        x2: "end",
        y: "value",
        inset: 1,
        fill: palette.metricColors[metric] ?? palette.bar,
        title: (d) => `${fmt.month(d.iso)}: ${fmt.moneyWithUnit(d.dong, money)}`,
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
  return chartWithData(chart, {
    caption,
    rows: data,
    columns: [
      { label: "Tháng", kind: "text", value: (d) => fmt.month(d.iso) },
      { label: `${label} (${fmt.moneyUnitLabel[money]})`, kind: "money", money, value: (d) => d.dong },
    ],
  });
}

/** Lines of several series sharing a unit: "%" for ratios, or a money unit for amounts. */
export function lines(index: Index, slice: string, series: SeriesLine[], unit: "%" | fmt.MoneyUnit | "count", cardWidth: number, from: string | null = null, to: string | null = null) {
  const width = Math.max(minWidth, cardWidth);
  const scale = (v: number | null) => (v === null ? null : unit === "ty" || unit === "trieu" ? fmt.inUnit(v, unit) : v);
  const unitLabel = unit === "%" ? "%" : unit === "count" ? "" : fmt.moneyUnitLabel[unit];
  const show = (v: number | null) => (unit === "%" ? fmt.percent(v) : unit === "count" ? fmt.number(v) : fmt.moneyWithUnit(v, unit));
  const byDate = new Map<string, Map<string, number | null>>();
  const data = series.flatMap((s, i) =>
    index
      .series(s.slice ?? slice, s.metric)
      .filter(within(from, to))
      .map((d) => {
        if (!byDate.has(d.data_date)) byDate.set(d.data_date, new Map());
        byDate.get(d.data_date)!.set(s.label, d.value);
        return { iso: d.data_date, date: fmt.toDate(d.data_date), raw: d.value, value: scale(d.value), series: s.label, position: i };
      }),
  );
  const colors = series.map((s, i) => s.paletteColor ?? palette.seriesColor(s.metric, i));
  const dash = (position: number) => palette.seriesDashes[position % palette.seriesDashes.length] ?? null;
  const caption = `${series.map((s) => s.label).join(", ")} theo tháng${unitLabel ? ` (${unitLabel})` : ""}`;
  const chart = Plot.plot({
    ...monthFrame(width, caption, [...byDate.keys()].map(fmt.toDate)),
    y: { label: unitLabel ? `(${unitLabel})` : null, grid: true, zero: true, tickFormat: (d: number) => fmt.number(d, unit === "%" ? 2 : 0) },
    color: { domain: series.map((s) => s.label), range: colors, legend: true },
    marks: [
      ...series.map((s, i) =>
        Plot.lineY(
          data.filter((d) => d.position === i),
          { x: "date", y: "value", stroke: "series", strokeWidth: 2, strokeDasharray: dash(i) ?? undefined, marker: "circle-stroke" },
        ),
      ),
      Plot.tip(data, Plot.pointerX({ x: "date", y: "value", title: (d) => `${d.series}, ${fmt.month(d.date)}: ${show(d.raw)}` })),
    ],
  });
  const cellFormat: fmt.CellFormat = unit === "%" ? { kind: "percent" } : unit === "count" ? { kind: "count" } : { kind: "money", money: unit };
  return chartWithData(chart, {
    caption,
    rows: [...byDate.keys()].sort(),
    columns: [
      { label: "Tháng", kind: "text", value: (iso: string) => fmt.month(iso) },
      ...series.map((s) => ({ ...cellFormat, label: `${s.label}${unitLabel ? ` (${unitLabel})` : ""}`, value: (iso: string) => byDate.get(iso)?.get(s.label) ?? null })),
    ],
  });
}

export interface UnionSeries {
  /** Union code: 01 … 04, 00 for direct loans; decides the line's colour. */
  code: string;
  label: string;
  slice: string;
}

/** One line per union for one metric, each in its union's colour. */
export function unionLines(index: Index, unions: UnionSeries[], metric: string, unit: "%" | fmt.MoneyUnit | "count", width: number, from: string | null = null, to: string | null = null) {
  return lines(
    index,
    "",
    unions.map((u) => ({ metric, label: u.label, slice: u.slice, paletteColor: palette.unionColor(u.code) })),
    unit,
    width,
    from,
    to,
  );
}
