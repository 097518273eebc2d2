// Distribution of Tổ TK&VV by rating class (Tốt, Khá, Trung bình, Yếu) per union and for the
// province, as shares of the groups scored, with the counts in the tooltip.
import * as Plot from "@observablehq/plot";
import * as fmt from "../lib/format.js";
import { sliceKey, type MetricIndex, type UnionInfo } from "../lib/metrics.js";

export const ratingClasses = [
  { metric: "SO_TO_TOT", label: "Tốt", color: "#2e7d32" },
  { metric: "SO_TO_KHA", label: "Khá", color: "#1e88e5" },
  { metric: "SO_TO_TRUNG_BINH", label: "Trung bình", color: "#f9a825" },
  { metric: "SO_TO_YEU", label: "Yếu", color: "#c62828" },
];

export interface RatingShare {
  unit: string;
  rating: string;
  groups: number;
  share: number;
}

export function ratingShares(index: MetricIndex, unions: UnionInfo[], date: string): RatingShare[] {
  const units = [
    ...unions.filter((u) => u.is_entrusted).sort((a, b) => a.sort_order - b.sort_order).map((u) => ({ unit: u.short_name, slice: sliceKey("union", u.union_code) })),
    { unit: "Toàn tỉnh", slice: "province" },
  ];
  return units.flatMap(({ unit, slice }) => {
    const total = index.value(date, slice, "SO_TO_XEP_LOAI") ?? 0;
    return ratingClasses.map((c) => {
      const groups = index.value(date, slice, c.metric) ?? 0;
      return { unit, rating: c.label, groups, share: total > 0 ? (100 * groups) / total : 0 };
    });
  });
}

export function ratingChart(data: RatingShare[], width: number): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 40 + 36 * new Set(data.map((d) => d.unit)).size,
    marginLeft: 80,
    x: { label: "Tỷ lệ số tổ (%)", domain: [0, 100], tickFormat: (d: number) => fmt.number(d) },
    y: { label: null, domain: [...new Set(data.map((d) => d.unit))] },
    color: { domain: ratingClasses.map((c) => c.label), range: ratingClasses.map((c) => c.color), legend: true },
    marks: [
      Plot.barX(data, {
        x: "share",
        y: "unit",
        fill: "rating",
        order: ratingClasses.map((c) => c.label),
        title: (d: RatingShare) => `${d.unit} – ${d.rating}: ${fmt.number(d.groups)} tổ (${fmt.percent(d.share)})`,
        tip: true,
      }),
      Plot.ruleX([0]),
    ],
  });
}
