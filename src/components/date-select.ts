// The data date a page shows: any loaded date, the view's (?ngay=) when it is loaded. Says so when
// the asked date is not loaded and which one is shown instead, and when the date shown lacks a PGD
// area's files (the province's totals are then incomplete).
import * as Inputs from "@observablehq/inputs";
import { h } from "../lib/dom.js";
import * as fmt from "../lib/format.js";
import { lastYearEnd } from "../lib/periods.js";
import type { DataDate } from "../lib/metrics.js";
import { param, setParams } from "../lib/view-state.js";

export interface DateSelectOptions {
  /** Shown when the view names no loaded date: the latest (default) or the last 31/12. */
  prefer?: "latest" | "year-end";
  label?: string;
}

/** The choice of a date, with its notices; a view input (value: yyyy-mm-dd). */
export function dateSelect(dates: DataDate[], o: DateSelectOptions = {}): HTMLElement & { value: string } {
  const choices = dates.map((d) => d.data_date).reverse();
  const fallback = (o.prefer === "year-end" ? lastYearEnd(dates) : choices[0]) ?? "";
  const asked = param("ngay");
  const select = Inputs.select(choices, {
    label: o.label ?? "Ngày số liệu",
    format: (d: string) => {
      const row = dates.find((x) => x.data_date === d);
      return `${fmt.date(d)}${row?.is_latest ? " (mới nhất)" : row?.is_year_end ? " (cuối năm)" : ""}`;
    },
    value: asked && choices.includes(asked) ? asked : fallback,
  });
  const notAsked = asked && !choices.includes(asked) ? h("p", { class: "notice", role: "status" }, notLoaded(asked, select.value)) : null;
  const coverage = h("p", { class: "notice", role: "status" });
  const showCoverage = () => {
    const missing = dates.find((d) => d.data_date === select.value)?.missing_pgd_names;
    coverage.hidden = !missing;
    coverage.textContent = missing
      ? `Ngày ${fmt.date(select.value)} thiếu sao kê dư nợ của ${missing}: tổng toàn tỉnh chưa đầy đủ.`
      : "";
  };
  showCoverage();
  select.addEventListener("input", () => {
    notAsked?.remove();
    showCoverage();
    setParams({ ngay: select.value });
  });
  // The select's input events bubble to this element, whose value is the select's.
  const root = h("div", { class: "date-select" }, select, notAsked, coverage);
  return Object.defineProperty(root, "value", { get: () => select.value }) as HTMLDivElement & { value: string };
}

function notLoaded(asked: string, shown: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asked);
  return `${valid ? `Chưa có số liệu ngày ${fmt.date(asked)}` : `«${asked}» không phải một ngày số liệu`}: trang đang hiển thị ngày ${fmt.date(shown)}.`;
}
