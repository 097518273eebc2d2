// Monthly series of the province: outstanding (tỷ đồng) and the overdue ratios (%).
import * as Plot from "@observablehq/plot";
import * as fmt from "../lib/format.js";
import type { MetricIndex } from "../lib/metrics.js";

export function outstandingChart(index: MetricIndex, slice: string, width: number): SVGSVGElement | HTMLElement {
  const data = index.series(slice, "DU_NO").map((d) => ({ date: fmt.toDate(d.data_date), value: fmt.inUnit(d.value ?? 0, "ty") }));
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    x: { type: "utc", label: null, tickFormat: (d: Date) => fmt.month(d) },
    y: { label: "Dư nợ (tỷ đồng)", grid: true, tickFormat: (d: number) => fmt.number(d) },
    marks: [
      Plot.rectY(data, {
        x: "date",
        y: "value",
        interval: "month",
        inset: 1,
        fill: "#1565c0",
        title: (d) => `${fmt.month(d.date)}: ${fmt.number(d.value, 1)} tỷ đồng`,
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}

export function overdueRatioChart(index: MetricIndex, slice: string, width: number): SVGSVGElement | HTMLElement {
  const series = [
    { metric: "TL_NQH", label: "Tỷ lệ nợ quá hạn" },
    { metric: "TL_NQH_KHOANH", label: "Tỷ lệ nợ quá hạn và nợ khoanh" },
  ];
  const data = series.flatMap((s) =>
    index.series(slice, s.metric).map((d) => ({ date: fmt.toDate(d.data_date), value: d.value, series: s.label })),
  );
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 60,
    x: { type: "utc", label: null, tickFormat: (d: Date) => fmt.month(d) },
    y: { label: "Tỷ lệ (%)", grid: true, zero: true, tickFormat: (d: number) => fmt.number(d, 2) },
    color: { domain: series.map((s) => s.label), range: ["#c62828", "#6a1b9a"], legend: true },
    marks: [
      Plot.lineY(data, { x: "date", y: "value", stroke: "series", marker: "circle-stroke" }),
      Plot.tip(data, Plot.pointerX({ x: "date", y: "value", title: (d) => `${d.series}, ${fmt.month(d.date)}: ${fmt.percent(d.value)}` })),
    ],
  });
}
