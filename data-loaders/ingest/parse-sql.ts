// SQL that turns a staged file (every cell VARCHAR) into the contract's types and names every
// problem: generated from the contract, so one description drives both parsing and messages.
import { duckdbType, typeLabel, type ColumnType } from "../contract/columns.js";
import { columnsOf, type ContractColumn, type ExportKind } from "../contract/exports.js";
import { grandTotalLabels, subtotalPrefixes } from "./csv-sniff.js";

/** Vietnamese and plain number formats; dd/mm/yyyy and ISO dates. Empty cells become NULL. */
export const parseMacros = [
  `CREATE OR REPLACE TEMP MACRO vn_text(x) AS NULLIF(trim(x), '')`,
  `CREATE OR REPLACE TEMP MACRO vn_code(x, n) AS CASE
     WHEN trim(x) = '' THEN NULL
     WHEN n > 0 AND length(trim(x)) < n AND regexp_full_match(trim(x), '[0-9]+') THEN lpad(trim(x), n, '0')
     ELSE trim(x) END`,
  // 1234567 · 1.234.567 · 1,234,567 · 1.234.567,00 · 1234567.00; anything else is not whole đồng.
  `CREATE OR REPLACE TEMP MACRO vn_money(x) AS CASE
     WHEN trim(x) = '' THEN NULL
     WHEN NOT contains(x, '.') AND NOT contains(x, ',') AND NOT contains(lower(x), 'e') THEN TRY_CAST(trim(x) AS BIGINT)
     WHEN regexp_full_match(trim(x), '-?[0-9]{1,3}([.][0-9]{3})+(,0+)?')
       THEN TRY_CAST(replace(regexp_replace(trim(x), ',0+$', ''), '.', '') AS BIGINT)
     WHEN regexp_full_match(trim(x), '-?[0-9]{1,3}(,[0-9]{3})+([.]0+)?')
       THEN TRY_CAST(replace(regexp_replace(trim(x), '[.]0+$', ''), ',', '') AS BIGINT)
     WHEN regexp_full_match(trim(x), '-?[0-9]+[.,]0+') THEN TRY_CAST(regexp_replace(trim(x), '[.,]0+$', '') AS BIGINT)
     ELSE NULL END`,
  // 6.6 · 6,6 · 1.234,5 · 1,234.5; a comma alone is the Vietnamese decimal comma; "%" is ignored.
  `CREATE OR REPLACE TEMP MACRO vn_decimal_t(t) AS CASE
     WHEN t = '' THEN NULL
     WHEN NOT contains(t, ',') THEN TRY_CAST(t AS DOUBLE)
     WHEN regexp_full_match(t, '-?[0-9]*,[0-9]+') THEN TRY_CAST(replace(t, ',', '.') AS DOUBLE)
     WHEN regexp_full_match(t, '-?[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?') THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE)
     WHEN regexp_full_match(t, '-?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?') THEN TRY_CAST(replace(t, ',', '') AS DOUBLE)
     ELSE NULL END`,
  `CREATE OR REPLACE TEMP MACRO vn_decimal(x) AS vn_decimal_t(trim(replace(x, '%', '')))`,
  `CREATE OR REPLACE TEMP MACRO vn_integer(x) AS CASE
     WHEN trim(x) = '' THEN NULL
     WHEN regexp_full_match(trim(x), '-?[0-9]+') THEN TRY_CAST(trim(x) AS INTEGER)
     ELSE NULL END`,
  // dd/mm/yyyy, ISO, dd-mm-yyyy, and Excel's serial day numbers (46053 is 31/01/2026).
  `CREATE OR REPLACE TEMP MACRO vn_date(x) AS CASE
     WHEN trim(x) = '' THEN NULL
     WHEN regexp_full_match(trim(x), '[0-9]{5}([.]0+)?') THEN DATE '1899-12-30' + TRY_CAST(TRY_CAST(trim(x) AS DOUBLE) AS INTEGER)
     ELSE COALESCE(TRY_STRPTIME(trim(x), '%d/%m/%Y'), TRY_STRPTIME(trim(x), '%Y-%m-%d'), TRY_STRPTIME(trim(x), '%d-%m-%Y'))::DATE END`,
  // A cell as header matching sees it: "Tổng cộng:" → "tong cong".
  `CREATE OR REPLACE TEMP MACRO vn_label(x) AS trim(regexp_replace(strip_accents(replace(lower(x), 'đ', 'd')), '[^a-z0-9]+', ' ', 'g'))`,
  `CREATE OR REPLACE TEMP MACRO vn_total(x) AS CASE
     WHEN vn_label(x) IN (${grandTotalLabels.map((l) => `'${l}'`).join(", ")}) THEN 'grand'
     WHEN ${subtotalPrefixes.map((p) => `starts_with(vn_label(x), '${p}')`).join(" OR ")} THEN 'sub' END`,
];

/** 'grand' for a grand-total row, 'sub' for a subtotal, NULL for data: from the first non-empty cell. */
export const totalsLabel = (cells: string[]) => `vn_total(coalesce(${cells.map((c) => `nullif(trim(${c}), '')`).join(", ")}))`;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

const parser: Record<ColumnType, (raw: string, c: ContractColumn) => string> = {
  code: (raw, c) => `vn_code(${raw}, ${c.digits ?? 0})`,
  text: (raw) => `vn_text(${raw})`,
  date: (raw) => `vn_date(${raw})`,
  money: (raw) => `vn_money(${raw})`,
  decimal: (raw) => `vn_decimal(${raw})`,
  integer: (raw) => `vn_integer(${raw})`,
};

/** Code tables and the column that holds their codes. */
const refColumn: Record<string, string> = {
  unions: "union_code",
  programmes: "programme_code",
  funding_sources: "funding_source_code",
  rating_classes: "rating_class",
  handling_cases: "handling_case",
  metrics: "metric_code",
  inspection_levels: "level",
  risk_measures: "measure",
};

export const rawName = (key: string) => `_r_${key}`;

/**
 * How the reader delivers a file: "text" – every cell VARCHAR, parsed and type-checked in SQL
 * (any number or date format); "typed" – DuckDB's CSV reader parsed plain numbers and dates itself
 * and rejected what it could not read.
 */
export type ReadMode = "text" | "typed";

/** Text codes (rating classes) take the reference spelling whatever the accents and case. */
function canonical(c: ContractColumn, raw: string): string {
  const table = `ref_${c.ref}`;
  const col = refColumn[c.ref!];
  return `COALESCE((SELECT r.${col} FROM ${table} r WHERE strip_accents(lower(r.${col})) = strip_accents(lower(trim(${raw})))), vn_text(${raw}))`;
}

/** Each contract column's value from reader column c<position>; columns the file lacks are NULL. */
export function valueExpressions(kind: ExportKind, positions: Map<string, number>, mode: ReadMode): string[] {
  return columnsOf(kind).map((c) => {
    const pos = positions.get(c.key) ?? -1;
    if (pos < 0) return `NULL::${duckdbType[c.type]} AS ${c.key}`;
    const raw = `c${pos}`;
    if (c.type === "text" && c.ref) return `${canonical(c, raw)} AS ${c.key}`;
    if (mode === "text" || c.type === "code" || c.type === "text") return `${parser[c.type](raw, c)} AS ${c.key}`;
    return `${raw} AS ${c.key}`;
  });
}

export interface Check {
  key: string;
  header: string;
  condition: string;
  reason: string;
  /** SQL for the value shown in the quarantine. */
  value: string;
}

/**
 * Every reason to reject a row: each column's own checks, then the kind's row rules. In text mode
 * the raw cell (_r_<key>) is at hand and unreadable values are caught here; in typed mode the
 * reader has caught them already.
 */
export function checks(kind: ExportKind, positions: Map<string, number>, mode: ReadMode): Check[] {
  const out: Check[] = [];
  const columns = columnsOf(kind);
  const valueOf = (key: string) => (mode === "text" ? rawName(key) : `${key}::VARCHAR`);
  for (const c of columns) {
    if ((positions.get(c.key) ?? -1) < 0) continue;
    const add = (condition: string, reason: string) => out.push({ key: c.key, header: c.header, condition, reason, value: valueOf(c.key) });
    const empty = mode === "text" ? `vn_text(${rawName(c.key)}) IS NULL` : `${c.key} IS NULL`;
    if (!c.nullable) add(empty, q("thiếu giá trị bắt buộc"));
    if (mode === "text") add(`NOT (${empty}) AND ${c.key} IS NULL`, q(`không đọc được; cần ${typeLabel[c.type]}`));
    if (c.type === "code" && c.digits) add(`NOT regexp_full_match(${c.key}, '[0-9]{${c.digits}}')`, q(`mã phải gồm ${c.digits} chữ số`));
    if (c.ref) {
      const what = `${c.type === "code" ? "mã" : "giá trị"} không có trong danh mục (sql/seeds/ref_${c.ref}.csv)`;
      add(`${c.key} NOT IN (SELECT ${refColumn[c.ref]} FROM ref_${c.ref})`, q(what));
    }
    if (c.type === "money") add(`${c.key} < 0`, q("số tiền âm"));
    if (c.type === "date") add(`year(${c.key}) NOT BETWEEN 1900 AND 2100`, q("năm không hợp lệ"));
    if (c.key === kind.dataDate) add(`${c.key} > current_date`, q("ngày số liệu ở tương lai"));
  }
  for (const rule of kind.rules ?? []) {
    const used = columns.filter((c) => new RegExp(`\\b${c.key}\\b`).test(rule.rejectWhen));
    // A rule over a column the file lacks cannot be checked; the missing column is reported on its own.
    if (used.some((c) => (positions.get(c.key) ?? -1) < 0 && !c.nullable)) continue;
    const header = columns.find((c) => c.key === rule.column)!.header;
    out.push({ key: rule.column, header, condition: rule.rejectWhen, reason: rule.reason, value: valueOf(rule.column) });
  }
  return out;
}

/** TRUE when any check fails; NULL comparisons count as passing (the NULL is caught by its own check). */
export const anyFails = (list: Check[]) => (list.length ? list.map((c) => `COALESCE((${c.condition}), false)`).join("\n  OR ") : "false");

/** One struct per failed check, for the quarantine. */
export const failedChecks = (list: Check[]) =>
  `list_filter([${list
    .map((c) => `CASE WHEN COALESCE((${c.condition}), false) THEN {'header': ${q(c.header)}, 'value': ${c.value}, 'reason': ${c.reason}} END`)
    .join(",\n  ")}], x -> x IS NOT NULL)`;
