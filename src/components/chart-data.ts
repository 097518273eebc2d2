// A chart with its figures reachable from the keyboard and by screen readers: under the chart a
// «Xem số liệu» toggle (a native <details>, focusable, opened with Enter or Space) holds the values
// the chart draws as a plain table. Month labels are thinned to the width, so they never overlap.
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";

export interface ChartDataColumn<R> extends fmt.CellFormat {
  label: string;
  value: (row: R) => number | string | null;
}

export interface ChartData<R> {
  /** The chart's name, as its aria-label says. */
  caption: string;
  columns: ChartDataColumn<R>[];
  rows: R[];
}

// Whether a chart's table was open, by caption: a chart redrawn at a new width keeps it open.
const opened = new Map<string, boolean>();

/** The chart (an SVG or Plot's figure) and, beside it, the toggle with its data table. */
export function chartWithData<R>(chart: Element, data: ChartData<R>): HTMLElement {
  const numeric = (c: ChartDataColumn<R>) => c.kind !== "text" && c.kind !== "date";
  const table = h(
    "table",
    { class: "chart-table" },
    h("caption", null, data.caption),
    h("thead", null, h("tr", null, data.columns.map((c) => h("th", { scope: "col", class: numeric(c) ? "num" : null }, c.label)))),
    h(
      "tbody",
      null,
      data.rows.map((r) =>
        h(
          "tr",
          null,
          data.columns.map((c, i) => {
            const text = fmt.cell(c.value(r), c);
            return i === 0 ? h("th", { scope: "row" }, text) : h("td", { class: numeric(c) ? "num" : null }, text);
          }),
        ),
      ),
    ),
  );
  const details = h("details", { class: "chart-data no-print" }, h("summary", null, "Xem số liệu của biểu đồ"), h("div", { class: "table-scroll" }, table));
  details.open = opened.get(data.caption) ?? false;
  details.addEventListener("toggle", () => opened.set(data.caption, details.open));
  return h("figure", { class: "chart" }, chart, details);
}

/** Width one month label («10/2026») takes on an axis, with the gap to the next. */
const monthLabelWidth = 64;

/** At most as many month ticks as fit in `innerWidth`, keeping the latest month labelled. */
export function monthTicks(dates: Date[], innerWidth: number): Date[] {
  const sorted = [...dates].sort((a, b) => +a - +b);
  const fit = Math.max(1, Math.floor(innerWidth / monthLabelWidth));
  const step = Math.max(1, Math.ceil(sorted.length / fit));
  return sorted.filter((_, i) => (sorted.length - 1 - i) % step === 0);
}
