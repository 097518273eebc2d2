// Page sections that several pages show for their own slice: the period line, the headline
// figures, a table of areas (unions, PGD areas, communes) with its total and its checks, the
// monthly trends, the rating of groups, and the contents of a long page. A page picks the
// section and its slice; what is in the section is decided here once.
import { resize } from "observablehq:stdlib";
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import { label, type Catalogue, type Figures } from "../lib/display.js";
import { unionAreas } from "../lib/areas.js";
import { keys, type MetricIndex, type SeriesValue, type UnionInfo } from "../lib/metrics.js";
import { checkBox, unionsAgainstTotal } from "./figure-checks.js";
import { kpiCards, type KpiCard } from "./kpi-cards.js";
import { metricTable, type AreaRow, type MetricColumn } from "./metric-table.js";
import { ratingChart, ratingShares, ratingTable, type RatingArea } from "./rating-chart.js";
import { amountBars, lines, unionLines } from "./trend-charts.js";

/** «Số liệu đến ngày …; biến động so với 31/12 …». */
export function periodLead(fig: Figures, date: string, before = ""): HTMLElement {
  const baseline = fig.baseline(date);
  return h(
    "p",
    { class: "lead" },
    before,
    "Số liệu đến ngày ",
    h("strong", null, fmt.date(date)),
    baseline ? `; biến động so với ${fmt.date(baseline)} (đầu năm).` : "; chưa có số liệu 31/12 năm trước để so sánh.",
    " Số tiền ghi rõ tỷ đồng hoặc triệu đồng ở từng chỉ tiêu; bấm «?» để xem cách tính.",
  );
}

/** Outstanding, overdue, frozen, savings, groups and households of a slice, then any extra cards. */
export function headline(fig: Figures, date: string, slice: string, o: { savings?: fmt.MoneyUnit; extra?: KpiCard[] } = {}): HTMLElement {
  return kpiCards(
    fig,
    date,
    [
      { metric: "DU_NO" },
      { metric: "NQH", ratio: "TL_NQH" },
      { metric: "NO_KHOANH", ratio: "TL_NQH_KHOANH" },
      { metric: "TIEN_GUI", money: o.savings, ratio: "TL_TIEN_GUI_DU_NO" },
      { metric: "SO_TO" },
      { metric: "SO_HO" },
      ...(o.extra ?? []),
    ],
    slice,
  );
}

/** What each kind of area table shows (the publications carry these metrics for every area). */
const areaMetrics: Record<"union" | "pgd" | "commune", MetricColumn[]> = {
  union: [
    { metric: "SO_TO", change: true },
    { metric: "SO_HO", change: true },
    { metric: "DU_NO", change: true },
    { metric: "TY_TRONG_UY_THAC" },
    { metric: "NQH", change: true },
    { metric: "TL_NQH", change: true },
    { metric: "TL_TIEN_GUI_DU_NO" },
  ],
  pgd: [
    { metric: "SO_TO", change: true },
    { metric: "SO_HO" },
    { metric: "DU_NO", change: true },
    { metric: "NQH", change: true },
    { metric: "TL_NQH", change: true },
    { metric: "TL_TIEN_GUI_DU_NO" },
    { metric: "TL_TO_TOT" },
  ],
  commune: [
    { metric: "SO_TO" },
    { metric: "SO_HO" },
    { metric: "DU_NO", change: true },
    { metric: "NQH" },
    { metric: "TL_NQH", change: true },
    { metric: "TL_TIEN_GUI_DU_NO" },
    { metric: "SO_TO_CO_NQH" },
    { metric: "SO_TO_NHO" },
  ],
};
const areaLabels = { union: "Hội đoàn thể", pgd: "Phòng giao dịch", commune: "Xã, phường" };

export interface AreaTableOptions {
  date: string;
  rows: AreaRow[];
  /** The row they add up to (the province, a PGD area, a union …). */
  total?: AreaRow;
  caption: string;
  download: string;
  areaLabel?: string;
  search?: boolean;
  sort?: { key: string; descending?: boolean };
}

/** Unions, PGD areas or communes side by side, those with figures at the date, and their total. */
export function areaTable(fig: Figures, kind: keyof typeof areaMetrics, o: AreaTableOptions): HTMLElement {
  const rows = o.rows.filter((r) => fig.value(o.date, r.slice, "DU_NO") !== null);
  const baseline = fig.baseline(o.date);
  return metricTable({
    fig,
    date: o.date,
    rows,
    totals: o.total ? [o.total] : [],
    metrics: areaMetrics[kind],
    caption: `${o.caption}, ngày ${fmt.date(o.date)}${baseline ? `; ± so với ${fmt.date(baseline)}` : ""}`,
    download: o.download,
    areaLabel: o.areaLabel ?? areaLabels[kind],
    search: o.search ?? kind === "commune",
    sort: o.sort ?? (kind === "union" ? undefined : { key: "TL_NQH", descending: true }),
  });
}

/** The unions (and direct loans) of the province, a PGD area or a commune, with their total and its check. */
export function unionTable(
  fig: Figures,
  unions: UnionInfo[],
  o: { date: string; root: string; total: AreaRow; within?: { pgd?: string; commune?: string }; caption: string; download: string },
): HTMLElement {
  const rows = unionAreas(fig, unions, o.date, o.root, o.within);
  return h("div", null, areaTable(fig, "union", { ...o, rows }), checkBox(unionsAgainstTotal(fig, o.date, rows, o.total)));
}

interface Series {
  series(slice: string, metric: string): SeriesValue[];
}

/** Outstanding by month and the overdue ratios by month, side by side (colours: lib/palette.ts). */
export function monthlyTrends(index: Series, catalogue: Catalogue, slice: string): HTMLElement {
  const dn = catalogue.spec("DU_NO");
  const ratios = [
    { metric: "TL_NQH", label: catalogue.info("TL_NQH").name_vi },
    { metric: "TL_NQH_KHOANH", label: catalogue.info("TL_NQH_KHOANH").name_vi },
  ].filter((s) => index.series(slice, s.metric).some((v) => v.value !== null));
  return h(
    "div",
    { class: "grid grid-cols-2" },
    h("div", { class: "card" }, h("h2", null, label(dn)), resize((width) => amountBars(index, slice, "DU_NO", dn.name, width, dn.money ?? "ty"))),
    h(
      "div",
      { class: "card" },
      h("h2", null, "Tỷ lệ nợ quá hạn và nợ khoanh (%)"),
      ratios.length ? resize((width) => lines(index, slice, ratios, "%", width)) : h("p", null, "Chưa có số liệu."),
    ),
  );
}

/** A metric by month for each union and direct loans, each in its union's colour (lib/palette.ts). */
export function unionTrend(index: Series, catalogue: Catalogue, unions: UnionInfo[], metric: string): HTMLElement {
  const spec = catalogue.spec(metric);
  const series = unions
    .map((u) => ({ code: u.union_code, label: u.name_vi, slice: keys.union(u.union_code) }))
    .filter((s) => index.series(s.slice, metric).some((v) => v.value !== null));
  return h(
    "div",
    { class: "card" },
    h("h2", null, `${label(spec)} theo Hội`),
    series.length ? resize((width) => unionLines(index, series, metric, spec.money ?? (spec.unit === "%" ? "%" : "count"), width)) : h("p", null, "Chưa có số liệu."),
  );
}

/** The entrusted unions and the province, for the rating of groups. */
function ratingAreas(unions: UnionInfo[]): RatingArea[] {
  return [...unions.filter((u) => u.is_entrusted).map((u) => ({ label: u.short_name, slice: keys.union(u.union_code) })), { label: "Toàn tỉnh", slice: keys.province }];
}

/** Groups by rating class per union: the chart, and the table when asked (the annual report). */
export function ratingSection(index: MetricIndex, unions: UnionInfo[], date: string, o: { table?: string } = {}): HTMLElement {
  const areas = ratingAreas(unions);
  return h(
    "div",
    null,
    o.table ? ratingTable(index, areas, date, o.table) : null,
    h("div", { class: "card keep-together" }, resize((width) => ratingChart(ratingShares(index, areas, date), width))),
  );
}

/** Links to the sections (h2) of a long page, for its top; a heading's text follows it as it renders. */
export function pageContents(): HTMLElement {
  const headings = [...document.querySelectorAll<HTMLHeadingElement>("#observablehq-main h2[id]")];
  const items = headings.map((hd) => {
    const link = h("a", { href: `#${hd.id}` }, hd.textContent?.trim() ?? "");
    new MutationObserver(() => (link.textContent = hd.textContent?.trim() ?? "")).observe(hd, { childList: true, subtree: true, characterData: true });
    return h("li", null, link);
  });
  return h("nav", { class: "page-contents", "aria-label": "Các phần của trang" }, h("p", null, "Trên trang này:"), h("ul", null, items));
}
