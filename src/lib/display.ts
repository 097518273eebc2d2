// How a metric is shown, from its row of the catalogue (dim_metrics): its unit and decimals on
// screen, how its change since 31/12 is written, and whether it can be shown at a date at all.
// The one place a metric's unit becomes a display; tables, cards, charts and downloads ask here.
import * as fmt from "./format.js";
import { baselineOf } from "./periods.js";
import type { DataDate, MetricIndex, MetricInfo } from "./metrics.js";

export interface Spec {
  code: string;
  name: string;
  /** The unit written after the value or in the column heading. */
  unit: string;
  money: fmt.MoneyUnit | null;
  digits: number;
  info: MetricInfo;
}

const moneyUnits: Record<string, fmt.MoneyUnit> = { "tỷ đồng": "ty", "triệu đồng": "trieu" };
/** Decimals of money by unit when a page shows it in a unit other than the catalogue's. */
const moneyDigits: Record<fmt.MoneyUnit, number> = { ty: 1, trieu: 0 };

export class Catalogue {
  readonly map: Map<string, MetricInfo>;

  constructor(rows: MetricInfo[]) {
    this.map = new Map(rows.map((m) => [m.metric_code, m]));
  }

  info(code: string): MetricInfo {
    const info = this.map.get(code);
    if (!info) throw new Error(`metric ${code} is not in the catalogue`);
    return info;
  }

  /** The metric's display; money may be asked in another unit (a commune's savings in triệu đồng). */
  spec(code: string, money?: fmt.MoneyUnit): Spec {
    const info = this.info(code);
    const own = moneyUnits[info.display_unit] ?? null;
    const unit = own && money ? money : own;
    return {
      code,
      name: info.name_vi,
      unit: unit ? fmt.moneyUnitLabel[unit] : info.display_unit,
      money: unit,
      digits: unit && unit !== own ? moneyDigits[unit] : info.precision,
      info,
    };
  }
}

/** "Tổng dư nợ (tỷ đồng)". */
export const label = (s: Spec) => `${s.name} (${s.unit})`;

export function valueFormat(s: Spec): fmt.CellFormat {
  if (s.money) return { kind: "money", money: s.money, digits: s.digits };
  if (s.unit === "%") return { kind: "percent", digits: s.digits };
  return s.digits ? { kind: "number", digits: s.digits } : { kind: "count" };
}

/** The change since 31/12: points for ratios, else in the value's unit; null when it has none. */
export function changeFormat(s: Spec): fmt.CellFormat | null {
  if (s.info.change_kind === "none") return null;
  if (s.info.change_kind === "points") return { kind: "pointChange", digits: s.digits };
  if (s.money) return { kind: "moneyChange", money: s.money, digits: s.digits };
  return { kind: "countChange", digits: s.digits };
}

export const changeUnit = (s: Spec) => (s.info.change_kind === "points" ? "điểm %" : s.unit);

/** "1.234,5 tỷ đồng", "0,19%", "1.561 hộ". */
export function valueText(s: Spec, v: number | null): string {
  const text = fmt.cell(v, valueFormat(s));
  return v === null || s.unit === "%" ? text : `${text} ${s.unit}`;
}

/** "+25,9 tỷ đồng (+1,53%)", "−0,01 điểm %". */
export function changeText(s: Spec, change: number | null, changePct: number | null | undefined): string {
  const f = changeFormat(s);
  if (!f || change === null) return fmt.DASH;
  const abs = `${fmt.cell(change, f)} ${changeUnit(s)}`;
  return s.info.change_kind === "points" || changePct === undefined ? abs : `${abs} (${fmt.percentChange(changePct)})`;
}

/**
 * A target, or a result judged against it, in the target's unit (money targets are set in triệu
 * đồng) with the target precision, or more decimals when the target itself has more.
 */
export function targetFormat(info: MetricInfo, ...values: (number | null)[]): fmt.CellFormat {
  const money = moneyUnits[info.target_unit];
  const digits = Math.max(info.target_precision, ...values.map((v) => fmt.decimalsOf(v === null ? null : money ? fmt.inUnit(v, money) : v)));
  if (money) return { kind: "money", money, digits };
  if (info.target_unit === "%") return { kind: "percent", digits };
  return { kind: "number", digits };
}

/** The margin to a target, signed, with as many decimals as the target. */
export function marginFormat(info: MetricInfo, target: number | null): fmt.CellFormat {
  const f = targetFormat(info, target);
  if (f.kind === "money") return { ...f, kind: "moneyChange" };
  if (f.kind === "percent") return { ...f, kind: "pointChange" };
  return { ...f, kind: "countChange" };
}

export interface Figure {
  value: number | null;
  change: number | null;
  changePct: number | null | undefined;
  /** Why the value is «–» when it cannot be shown (months not loaded, columns absent …). */
  reason: string | null;
}

/** The figures of a metric index as pages show them: a value, its change, or why there is none. */
export class Figures {
  constructor(
    readonly index: MetricIndex,
    readonly catalogue: Catalogue,
    readonly dates: DataDate[],
  ) {}

  get(date: string, slice: string, metric: string): Figure {
    const row = this.index.get(date, slice, metric);
    // The mart says why a value is missing (months of the year not loaded, a column no file had …).
    const reason = row?.unavailable_reason ?? null;
    if (reason) return { value: null, change: null, changePct: null, reason };
    return { value: row?.value ?? null, change: row?.change_ytd ?? null, changePct: row?.change_ytd_pct, reason: null };
  }

  value(date: string, slice: string, metric: string): number | null {
    return this.get(date, slice, metric).value;
  }

  baseline(date: string): string | null {
    return baselineOf(this.dates, date);
  }
}
