// The one place numbers, money, percentages and dates are written for people: vi-VN style
// (1.234.567,8), money scaled to triệu or tỷ đồng with the unit always labelled, ratios with two
// decimals, dates dd/mm/yyyy. Every chart, table, tooltip and download uses these.

export const DASH = "–";
const MINUS = "−";

const formatters = new Map<string, Intl.NumberFormat>();
function nf(digits: number): Intl.NumberFormat {
  const key = String(digits);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}

const missing = (x: number | null | undefined): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);

/** 1234567.89 → "1.234.567,89". */
export function number(x: number | null | undefined, digits = 0): string {
  if (missing(x)) return DASH;
  return nf(digits).format(x).replace("-", MINUS);
}

export type MoneyUnit = "trieu" | "ty";
export const moneyUnitLabel: Record<MoneyUnit, string> = { trieu: "triệu đồng", ty: "tỷ đồng" };
const moneyScale: Record<MoneyUnit, number> = { trieu: 1e6, ty: 1e9 };

/** Amount in đồng written in triệu or tỷ đồng, without the unit (put it in the header). */
export function money(dong: number | null | undefined, unit: MoneyUnit, digits = unit === "ty" ? 1 : 0): string {
  return missing(dong) ? DASH : number(dong / moneyScale[unit], digits);
}

/** Amount with its unit: "1.234,5 tỷ đồng". */
export function moneyWithUnit(dong: number | null | undefined, unit: MoneyUnit, digits?: number): string {
  return missing(dong) ? DASH : `${money(dong, unit, digits)} ${moneyUnitLabel[unit]}`;
}

/** Value in the unit a chart axis shows. */
export const inUnit = (dong: number, unit: MoneyUnit) => dong / moneyScale[unit];

/** 0.1917 (already in %) → "0,19%". */
export function percent(x: number | null | undefined, digits = 2): string {
  return missing(x) ? DASH : `${number(x, digits)}%`;
}

/** Signed: "+1.234", "−12,5", "0". */
export function signed(x: number | null | undefined, digits = 0): string {
  if (missing(x)) return DASH;
  const rounded = Number(x.toFixed(digits));
  return rounded > 0 ? `+${number(x, digits)}` : rounded < 0 ? number(x, digits) : number(0, digits);
}

/** Change of a ratio, in percentage points: "+0,05 điểm %". */
export function pointChange(x: number | null | undefined, digits = 2): string {
  return missing(x) ? DASH : `${signed(x, digits)} điểm %`;
}

/** Relative change: "+7,57%". */
export function percentChange(x: number | null | undefined, digits = 2): string {
  return missing(x) ? DASH : `${signed(x, digits)}%`;
}

/** "2026-10-31" (or a Date at UTC midnight) → "31/10/2026". */
export function date(value: string | Date | null | undefined): string {
  if (!value) return DASH;
  const iso = typeof value === "string" ? value : value.toISOString();
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** "2026-11-25 02:00" → "25/11/2026 02:00". */
export function dateTime(value: string | null | undefined): string {
  if (!value) return DASH;
  return `${date(value)} ${value.slice(11, 16)}`.trim();
}

/** "2026-10-31" or a Date → "10/2026". */
export function month(value: string | Date): string {
  const iso = typeof value === "string" ? value : value.toISOString();
  const [y, m] = iso.slice(0, 7).split("-");
  return `${m}/${y}`;
}

/** ISO date to a Date at UTC midnight (for time axes). */
export const toDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** The fewest decimals (at least min, at most 6) that write x exactly: 0.035 → 3, 2 → min. */
export function decimalsOf(x: number | null | undefined, min = 0): number {
  if (missing(x)) return min;
  let d = min;
  while (d < 6 && Math.abs(Number(x.toFixed(d)) - x) > 1e-9 * Math.max(1, Math.abs(x))) d++;
  return d;
}

/** How a table column shows its values; the same kinds drive CSV and Excel downloads. */
export type CellKind = "text" | "count" | "number" | "money" | "percent" | "pointChange" | "moneyChange" | "countChange" | "percentChange" | "date";

export interface CellFormat {
  kind: CellKind;
  /** Money columns: shown in triệu or tỷ đồng (say which in the column label). */
  money?: MoneyUnit;
  digits?: number;
}

/** The text of a cell, as tables, tooltips and CSV downloads show it. */
export function cell(value: number | string | null | undefined, f: CellFormat): string {
  if (value === null || value === undefined || value === "") return DASH;
  if (typeof value === "string") return f.kind === "date" ? date(value) : value;
  switch (f.kind) {
    case "count":
      return number(value, 0);
    case "number":
      return number(value, f.digits ?? 1);
    case "money":
      return money(value, f.money ?? "ty", f.digits);
    case "percent":
      return percent(value, f.digits ?? 2);
    case "pointChange":
      return signed(value, f.digits ?? 2);
    case "moneyChange":
      return signed(value / moneyScale[f.money ?? "ty"], f.digits ?? (f.money === "trieu" ? 0 : 1));
    case "countChange":
      return signed(value, f.digits ?? 0);
    case "percentChange":
      return percentChange(value, f.digits ?? 2);
    default:
      return String(value);
  }
}
