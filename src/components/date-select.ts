// The data date a page shows, chosen from the loaded dates and kept in the URL (?ngay=yyyy-mm-dd).
import * as Inputs from "@observablehq/inputs";
import * as fmt from "../lib/format.js";
import type { DataDate } from "../lib/metrics.js";
import { readParam } from "../lib/url-state.js";

/** Each 31/12 and the latest date (the annual review and area tables), or every date. */
export function dateSelect(dates: DataDate[], which: "year-ends" | "all" = "all") {
  const choices = dates
    .filter((d) => which === "all" || d.is_year_end || d.is_latest)
    .map((d) => d.data_date)
    .reverse();
  const fromUrl = readParam("ngay");
  return Inputs.select(choices, {
    label: "Ngày số liệu",
    format: (d: string) => (dates.find((x) => x.data_date === d)?.is_latest ? `${fmt.date(d)} (mới nhất)` : fmt.date(d)),
    value: fromUrl && choices.includes(fromUrl) ? fromUrl : choices[0],
  });
}

/** 31/12 of the year before the date, when loaded. */
export const baselineOf = (dates: DataDate[], date: string) => dates.find((d) => d.data_date === date)?.year_start_date ?? null;
