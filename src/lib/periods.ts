// Which period a figure covers, from the loaded data dates (dim_data_dates): 31/12 of the previous
// year to compare with and the last 31/12 for the annual report. Whether a sum since 1/1 has every
// month of its year behind it is the mart's to say (fct_metric_values.unavailable_reason).
import type { DataDate } from "./metrics.js";

export const isYearEnd = (date: string) => date.slice(5) === "12-31";

/** 31/12 of the year before the date, when loaded. */
export const baselineOf = (dates: DataDate[], date: string) => dates.find((d) => d.data_date === date)?.year_start_date ?? null;

/** The last loaded 31/12, else the latest date. */
export function lastYearEnd(dates: DataDate[]): string | null {
  return [...dates].reverse().find((d) => d.is_year_end)?.data_date ?? dates.at(-1)?.data_date ?? null;
}
