// Distribution of Tổ TK&VV by rating class (Tốt, Khá, Trung bình, Yếu) per area, as shares of the
// groups scored, with the counts in the tooltip and in a downloadable table.
import * as Plot from "@observablehq/plot";
import * as fmt from "../lib/format.js";
import type { MetricIndex } from "../lib/metrics.js";
import { ratingColors } from "../lib/palette.js";
import { chartWithData } from "./chart-data.js";
import { dataTable } from "./data-table.js";

export const ratingClasses = [
  { metric: "SO_TO_TOT", label: "Tốt" },
  { metric: "SO_TO_KHA", label: "Khá" },
  { metric: "SO_TO_TRUNG_BINH", label: "Trung bình" },
  { metric: "SO_TO_YEU", label: "Yếu" },
].map((c) => ({ ...c, color: ratingColors[c.label]! }));

export interface RatingArea {
  label: string;
  slice: string;
}

export interface RatingShare {
  unit: string;
  rating: string;
  groups: number;
  share: number;
}

export function ratingShares(index: MetricIndex, areas: RatingArea[], date: string): RatingShare[] {
  return areas.flatMap(({ label, slice }) => {
    const total = index.value(date, slice, "SO_TO_XEP_LOAI") ?? 0;
    return ratingClasses.map((c) => {
      const groups = index.value(date, slice, c.metric) ?? 0;
      return { unit: label, rating: c.label, groups, share: total > 0 ? (100 * groups) / total : 0 };
    });
  });
}

export function ratingChart(data: RatingShare[], width: number): HTMLElement {
  const units = [...new Set(data.map((d) => d.unit))];
  const caption = "Phân loại Tổ TK&VV: tỷ lệ số tổ theo xếp loại";
  const chart = Plot.plot({
    width,
    height: 40 + 36 * units.length,
    marginLeft: 90,
    ariaLabel: caption,
    x: { label: "Tỷ lệ số tổ (%)", domain: [0, 100], tickFormat: (d: number) => fmt.number(d) },
    y: { label: null, domain: units },
    color: { domain: ratingClasses.map((c) => c.label), range: ratingClasses.map((c) => c.color), legend: true },
    marks: [
      Plot.barX(data, {
        x: "share",
        y: "unit",
        fill: "rating",
        order: ratingClasses.map((c) => c.label),
        stroke: "white",
        strokeWidth: 1,
        title: (d: RatingShare) => `${d.unit} – ${d.rating}: ${fmt.number(d.groups)} tổ (${fmt.percent(d.share)})`,
        tip: true,
      }),
      Plot.ruleX([0]),
    ],
  });
  const share = (unit: string, rating: string) => data.find((d) => d.unit === unit && d.rating === rating);
  return chartWithData(chart, {
    caption,
    rows: units,
    columns: [
      { label: "Đơn vị", kind: "text", value: (u) => u },
      ...ratingClasses.map((c) => ({ label: `${c.label}: số tổ`, kind: "count" as const, value: (u: string) => share(u, c.label)?.groups ?? null })),
      ...ratingClasses.map((c) => ({ label: `${c.label} (%)`, kind: "percent" as const, value: (u: string) => share(u, c.label)?.share ?? null })),
    ],
  });
}

/** The same distribution as a table: groups and share per class. */
export function ratingTable(index: MetricIndex, areas: RatingArea[], date: string, download: string): HTMLElement {
  return dataTable<RatingArea>({
    caption: `Phân loại Tổ TK&VV ngày ${fmt.date(date)}`,
    download,
    rows: areas,
    columns: [
      { key: "area", label: "Đơn vị", kind: "text", value: (a) => a.label },
      { key: "rated", label: "Số tổ được chấm điểm", kind: "count", value: (a) => index.value(date, a.slice, "SO_TO_XEP_LOAI") },
      ...ratingClasses.map((c) => ({ key: c.metric, label: `Số tổ ${c.label}`, kind: "count" as const, value: (a: RatingArea) => index.value(date, a.slice, c.metric) })),
      { key: "tot", label: "Tỷ lệ tổ Tốt (%)", kind: "percent", value: (a) => index.value(date, a.slice, "TL_TO_TOT") },
      { key: "totkha", label: "Tỷ lệ tổ Tốt và Khá (%)", kind: "percent", value: (a) => index.value(date, a.slice, "TL_TO_TOT_KHA") },
    ],
  });
}
