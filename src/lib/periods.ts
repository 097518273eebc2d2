// Which period a figure covers, from the loaded data dates (dim_data_dates): 31/12 of the previous
// year to compare with, the last 31/12 for the annual report, and whether a sum since 1/1 has
// every month of its year behind it.
import type { DataDate } from "./metrics.js";

export const isYearEnd = (date: string) => date.slice(5) === "12-31";

/** 31/12 of the year before the date, when loaded. */
export const baselineOf = (dates: DataDate[], date: string) => dates.find((d) => d.data_date === date)?.year_start_date ?? null;

/** The last loaded 31/12, else the latest date. */
export function lastYearEnd(dates: DataDate[]): string | null {
  return [...dates].reverse().find((d) => d.is_year_end)?.data_date ?? dates.at(-1)?.data_date ?? null;
}

/** "1–8", "3, 5–6": months written as runs. */
function runs(months: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < months.length; ) {
    let j = i;
    while (j + 1 < months.length && months[j + 1] === months[j]! + 1) j++;
    out.push(i === j ? `${months[i]}` : `${months[i]}–${months[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

/**
 * Why a sum since 1/1 up to the date is not whole: the months of its year up to it that are not
 * loaded; null when every one is.
 */
export function ytdGap(dates: DataDate[], date: string): string | null {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const loaded = new Set(dates.filter((d) => d.year === year && d.month <= month).map((d) => d.month));
  const absent = Array.from({ length: month }, (_, i) => i + 1).filter((m) => !loaded.has(m));
  if (!absent.length) return null;
  return `năm ${year} mới có số liệu ${loaded.size}/${month} tháng tính đến ngày này (thiếu tháng ${runs(absent)}), chưa cộng được từ đầu năm`;
}
