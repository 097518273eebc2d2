// Areas side by side on one data date (unions, PGD areas, communes …): for each metric its value
// and, where asked, its change since 31/12 of the previous year, coloured by which way is better;
// a total row, why a «–» is a «–» (on the cell, and once per reason below the table), and the «?»
// of every metric below the table. The key columns (Dư nợ, Nợ quá hạn, tỷ lệ) come first.
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import { changeFormat, changeUnit, label, valueFormat, type Figures } from "../lib/display.js";
import { changeTone } from "../lib/metrics.js";
import { dataTable, type TableColumn } from "./data-table.js";
import { metricGlossary } from "./metric-help.js";

export interface AreaRow {
  label: string;
  slice: string;
  href?: string | null;
  /** Loans made directly, not through a union. */
  direct?: boolean;
}

export interface MetricColumn {
  metric: string;
  money?: fmt.MoneyUnit;
  /** Also show the change since 31/12 of the previous year. */
  change?: boolean;
}

export interface MetricTableOptions {
  fig: Figures;
  date: string;
  rows: AreaRow[];
  totals?: AreaRow[];
  metrics: MetricColumn[];
  caption: string;
  download: string;
  areaLabel: string;
  search?: boolean;
  sort?: { key: string; descending?: boolean };
}

export function metricTable(o: MetricTableOptions): HTMLElement {
  const { fig, date } = o;
  const columns: TableColumn<AreaRow>[] = [{ key: "area", label: o.areaLabel, kind: "text", value: (r) => r.label, href: (r) => r.href ?? null }];
  const specs = o.metrics.map((m) => ({ m, spec: fig.catalogue.spec(m.metric, m.money) }));
  for (const { m, spec } of specs) {
    const change = m.change ? changeFormat(spec) : null;
    const group = change ? label(spec) : undefined;
    columns.push({
      key: m.metric,
      label: label(spec),
      short: change ? "Số liệu" : undefined,
      group,
      ...valueFormat(spec),
      value: (r) => fig.value(date, r.slice, m.metric),
      note: (r) => fig.get(date, r.slice, m.metric).reason,
    });
    if (change) {
      columns.push({
        key: `${m.metric}-ytd`,
        label: `${spec.name}: thay đổi so với đầu năm (${changeUnit(spec)})`,
        short: spec.info.change_kind === "points" ? "± điểm %" : "±",
        group,
        ...change,
        value: (r) => fig.get(date, r.slice, m.metric).change,
        tone: (r) => changeTone(fig.get(date, r.slice, m.metric).change, spec.info.better),
      });
    }
  }
  // Why a column shows «–», once per reason (a sum since 1/1 over months not loaded …).
  const reasons = new Map<string, Set<string>>();
  for (const r of [...o.rows, ...(o.totals ?? [])]) {
    for (const { spec } of specs) {
      const reason = fig.get(date, r.slice, spec.code).reason;
      if (reason) reasons.set(reason, (reasons.get(reason) ?? new Set()).add(spec.name));
    }
  }
  return h(
    "div",
    null,
    dataTable({
      caption: o.caption,
      columns,
      rows: o.rows,
      totals: o.totals,
      download: o.download,
      // On a phone the figures people look for first: Dư nợ, Nợ quá hạn, tỷ lệ nợ quá hạn.
      lead: ["DU_NO", "NQH", "TL_NQH"],
      search: o.search ? { label: "Tìm", text: (r) => r.label } : undefined,
      sort: o.sort,
    }),
    [...reasons].map(([reason, names]) => h("p", { class: "table-note" }, `«–» ở ${[...names].join(", ")}: ${reason}.`)),
    metricGlossary(specs.map((s) => s.spec)),
  );
}
