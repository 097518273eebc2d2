// What the rows above a table say about the file: its data date («Ngày số liệu: 31/12/2025»,
// «Đến ngày …», «Tháng 10 năm 2026») and the unit of its amounts («Đơn vị tính: 1.000 đồng»).
import { moneyUnitOf, type MoneyUnit } from "../contract/units.js";

export interface TitleInfo {
  /** ISO date the title rows give, if any. */
  date: string | null;
  /** Where: «dòng 4: Ngày số liệu: 31/10/2026». */
  dateSource: string | null;
  unit: MoneyUnit | null;
  /** A «Đơn vị tính» whose unit is not one of đồng, nghìn, triệu, tỷ đồng. */
  unknownUnit: string | null;
}

const isoOf = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
    : null;
};
const monthEnd = (y: number, m: number) => isoOf(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());

// Labels after which a date is the file's: the last date of "từ ngày … đến ngày …" is the one.
const dateLabel = /(?:ngay so lieu|so lieu den ngay|den ngay|tai ngay|tinh den ngay|ngay bao cao|ngay chot so lieu|ngay chot)\s*:?\s*/;
const dmy = /(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/;
const dmyWords = /ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})/;
const monthYear = /^(?:.*\s)?thang (\d{1,2})(?: nam |[/.-])(\d{4})\b/;

/** A title line, accents and case aside but digits and date separators kept. */
const plain = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9/.:-]+/g, " ")
    .trim();

/** rows: the title rows' cells with their line numbers. */
export function readTitleRows(rows: { line: number; cells: string[] }[]): TitleInfo {
  const out: TitleInfo = { date: null, dateSource: null, unit: null, unknownUnit: null };
  for (const { line, cells } of rows) {
    for (const cell of cells.filter((c) => c.trim() !== "")) {
      const text = plain(cell);
      const source = `dòng ${line}: ${cell.trim().replace(/\s+/g, " ")}`;
      const labelled = dateLabel.exec(text);
      if (labelled) {
        const rest = text.slice(labelled.index);
        const m = dmy.exec(rest) ?? dmyWords.exec(rest);
        // "Từ ngày 01/10/2026 đến ngày 31/10/2026": the "đến ngày" date, found last.
        const all = [...rest.matchAll(new RegExp(dmy.source, "g"))];
        const last = all.length > 1 && /den ngay/.test(rest) ? all[all.length - 1]! : m;
        if (last) {
          const iso = isoOf(Number(last[3]), Number(last[2]), Number(last[1]));
          if (iso && !out.date) [out.date, out.dateSource] = [iso, source];
        }
      } else if (!out.date) {
        const my = monthYear.exec(text);
        if (my && !/\bngay \d/.test(text)) {
          const iso = monthEnd(Number(my[2]), Number(my[1]));
          if (iso) [out.date, out.dateSource] = [iso, source];
        }
      }
      if (!out.unit && !out.unknownUnit) {
        const u = unitAfterLabel(text);
        if (u?.unit) out.unit = u.unit;
        else if (u) out.unknownUnit = u.written;
      }
    }
  }
  return out;
}

/** The unit after «Đơn vị tính», «ĐVT» or «Đơn vị»: up to three words, the longest that names one. */
function unitAfterLabel(text: string): { unit: MoneyUnit | null; written: string } | null {
  const m = /(?:^|\s)(?:don vi tinh|dvt|don vi)\s*:?\s*(.*)$/.exec(text);
  if (!m) return null;
  const words = m[1]!.split(" ").filter(Boolean).slice(0, 3);
  for (let n = words.length; n > 0; n--) {
    const unit = moneyUnitOf(words.slice(0, n).join(" "));
    if (unit) return { unit, written: words.slice(0, n).join(" ") };
  }
  // Counts (người, hộ, tổ, món) and percentages are not amounts: no unit for the money columns.
  if (words.length === 0 || /^(nguoi|ho|to|mon|%|ty le)/.test(words.join(" "))) return null;
  return { unit: null, written: words.join(" ") };
}
