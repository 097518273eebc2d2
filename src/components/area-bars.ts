// One value per area (PGD areas, unions …) as horizontal bars, largest first; a bar is a link to
// the area's page, so the chart drills down like the tables do. The values are also in a
// keyboard-reachable table under the chart.
import * as Plot from "@observablehq/plot";
import * as fmt from "../lib/format.js";
import * as palette from "../lib/palette.js";
import { chartWithData } from "./chart-data.js";

export interface AreaValue {
  label: string;
  value: number | null;
  href: string | null;
}

/** The title (with its unit) is the chart's accessible name; the page shows it as the card's heading. */
export function areaBars(rows: AreaValue[], o: { title: string; unit: "%" | fmt.MoneyUnit; width: number }) {
  const data = rows.filter((r) => r.value !== null).sort((a, b) => b.value! - a.value!);
  const show = (v: number) => (o.unit === "%" ? fmt.percent(v) : fmt.moneyWithUnit(v, o.unit));
  const x = (d: AreaValue) => (o.unit === "%" ? d.value : fmt.inUnit(d.value!, o.unit));
  // resize() can ask before the card has its width: never draw narrower than this.
  const width = Math.max(240, o.width);
  const chart = Plot.plot({
    width,
    height: 40 + 26 * data.length,
    marginLeft: Math.min(220, width / 3),
    ariaLabel: o.title,
    x: { label: null, grid: true, ticks: Math.max(2, Math.floor(width / 120)), tickFormat: (d: number) => fmt.number(d, o.unit === "%" ? 2 : 0) },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x, y: "label", fill: palette.bar, href: (d: AreaValue) => d.href, title: (d: AreaValue) => `${d.label}: ${show(d.value!)}`, tip: true }),
      Plot.ruleX([0]),
    ],
  });
  return chartWithData(chart, {
    caption: o.title,
    rows: data,
    columns: [
      { label: "Đơn vị", kind: "text", value: (d) => d.label },
      { label: o.title, ...(o.unit === "%" ? { kind: "percent" as const } : { kind: "money" as const, money: o.unit }), value: (d) => d.value },
    ],
  });
}
