// Month indexes (year × 12 + month − 1) and the ways the demo's files write a month's dates.

export const pad2 = (n: number) => String(n).padStart(2, "0");

export function monthEnd(ym: number): { day: number; month: number; year: number } {
  const year = Math.floor(ym / 12);
  const month = (ym % 12) + 1;
  return { day: new Date(Date.UTC(year, month, 0)).getUTCDate(), month, year };
}

const vnDates = new Map<number, string>();
/** dd/mm/yyyy of a day of the month (its last day by default; a day past the end is the end). */
export function vnDate(ym: number, day = 31): string {
  const key = ym * 32 + day;
  let text = vnDates.get(key);
  if (text === undefined) {
    const e = monthEnd(ym);
    text = `${pad2(Math.min(day, e.day))}/${pad2(e.month)}/${e.year}`;
    vnDates.set(key, text);
  }
  return text;
}

/** yyyymmdd of the month end, as the simple layout names files. */
export function isoFileDate(ym: number): string {
  const e = monthEnd(ym);
  return `${e.year}${pad2(e.month)}${pad2(e.day)}`;
}

/** ddmmyyyy of the month end, as the bank names files. */
export function vnFileDate(ym: number): string {
  const e = monthEnd(ym);
  return `${pad2(e.day)}${pad2(e.month)}${e.year}`;
}
