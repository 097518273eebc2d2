// SQL that turns the cells of an export (read by DuckDB as text) into the contract's types, and
// names every problem. One reading for every file and every row: a value is loaded exactly as
// the file means it, or the row is refused with the reason; nothing is rounded or guessed.
// Generated from the contract, so one description drives parsing, checks and messages.
//
// Numbers: 1234567 · 1.234.567 · 1.234.567,5 · 1,234,567.5 · 1234,5 · 1234.5 · 1 234 567 · "-"
// (Excel's zero). A value like 1.234 or 1,234 reads two ways: as thousands unless the rest of
// its column shows the other style (the file is then read again in that style, or the value is
// refused when the column mixes both). Exponents (2E+07: what Excel writes for a number too wide
// for its column) are refused. Money is whole đồng once the file's unit («Đơn vị tính: nghìn
// đồng») is applied; an empty amount is 0. Dates: dd/mm/yyyy (also - or .), yyyy-mm-dd, Excel
// serial numbers; month first only when the whole column proves it. Codes: invisible characters,
// a leading apostrophe and tabs removed (counted); numeric codes shorter than the contract's width
// zero-padded, and flagged when the padded code is in no unit list.
import { duckdbType, type ColumnType, type UnitList } from "../contract/columns.js";
import { columnsOf, type ContractColumn, type ExportKind } from "../contract/exports.js";
import { grandTotalLabels, subtotalPrefixes } from "./csv-sniff.js";
import { FORMULA_WITHOUT_VALUE } from "./xlsx.js";

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;


const cases = (m: Map<string, string>) => [...m].map(([k, v]) => `WHEN ${q(k)} THEN ${q(v)}`).join(" ") || "WHEN NULL THEN NULL";

/**
 * A macro name(v): v is one of codes. Never `v IN (…)`: DuckDB plans a long IN list as a join, and
 * a join in the read lets the insert lose the file's row order, which row positions (line numbers
 * in quarantine) depend on. empty: what an empty list answers.
 */
const listMacro = (name: string, codes: string[], empty: "NULL" | "false") =>
  `CREATE OR REPLACE TEMP MACRO ${name}(v) AS ${codes.length ? `list_contains([${codes.map(q).join(", ")}], v)` : empty}`;

/** Membership in the unit list (DMDONVI) as loaded: a list with no code knows none. */
export function knownUnitMacros(lists: Record<UnitList, string[]>): string[] {
  return Object.entries(lists).map(([list, codes]) => listMacro(`vn_known_${list}`, codes, "false"));
}

/**
 * Macros every load defines. unions: normalised spellings → union code ('' = a direct loan);
 * refs: for text code lists (rating classes …), normalised spelling → the list's spelling;
 * metricUnits: metric code → the unit its targets are written in; codeLists: each code list's codes.
 */
export function parseMacros(unions: Map<string, string>, refs: Map<string, Map<string, string>>, metricUnits: Map<string, string>, codeLists: Map<string, string[]>): string[] {
  return [
    // Membership in a code list (programmes, funding sources …); an empty list refuses nothing.
    ...[...codeLists].map(([ref, codes]) => listMacro(`vn_ref_has_${ref}`, codes, "NULL")),
    // The unit a metric's targets are written in (ref_metrics.target_unit), for the CHITIEU checks.
    `CREATE OR REPLACE TEMP MACRO vn_metric_unit(code) AS CASE code ${cases(metricUnits)} END`,
    // Zero-width characters, soft hyphens and a leading apostrophe (Excel's "text" mark) out; tabs
    // and non-breaking spaces are spaces; empty is NULL. Plain ASCII cells (most) skip the regexps.
    `CREATE OR REPLACE TEMP MACRO vn_clean(x) AS CASE
       WHEN x IS NULL OR x = '' THEN NULL
       WHEN regexp_full_match(x, '[!-&(-~]([ -~]*[!-~])?') THEN x
       ELSE NULLIF(trim(regexp_replace(regexp_replace(regexp_replace(x,
         '[\\x{200B}-\\x{200D}\\x{2060}\\x{FEFF}\\x{00AD}]', '', 'g'), '[\\t\\x{00A0}\\x{202F}]', ' ', 'g'), '^\\s*' || chr(39), '')), '') END`,
    // A cell as header matching sees it: "Tổng cộng:" → "tong cong".
    `CREATE OR REPLACE TEMP MACRO vn_label(x) AS trim(regexp_replace(strip_accents(replace(replace(lower(x), 'đ', 'd'), 'Đ', 'd')), '[^a-z0-9]+', ' ', 'g'))`,
    `CREATE OR REPLACE TEMP MACRO vn_key(x) AS replace(vn_label(x), ' ', '')`,
    // Lookups take a spelling already keyed (vn_key): a CASE copies its operand into every branch.
    `CREATE OR REPLACE TEMP MACRO vn_union(k) AS CASE k ${cases(unions)} END`,
    ...[...refs].map(([ref, m]) => `CREATE OR REPLACE TEMP MACRO vn_ref_${ref}(k) AS CASE k ${cases(m)} END`),
    // l: a cell as vn_label gives it.
    `CREATE OR REPLACE TEMP MACRO vn_total(l) AS CASE
       WHEN list_contains([${grandTotalLabels.map(q).join(", ")}], l) THEN 'total'
       WHEN ${subtotalPrefixes.map((p) => `starts_with(l, ${q(p)})`).join(" OR ")} THEN 'subtotal' END`,
    `CREATE OR REPLACE TEMP MACRO vn_digits(x) AS regexp_full_match(x, '[0-9]+')`,
    // Numeric codes shorter than n get their zeros back; "4606.0" (a code Excel made a number) is 4606.
    `CREATE OR REPLACE TEMP MACRO vn_code(t, n) AS CASE
       WHEN t IS NULL THEN NULL
       WHEN vn_digits(t) THEN (CASE WHEN length(t) < n THEN lpad(t, n, '0') ELSE t END)
       WHEN regexp_full_match(t, '[0-9]+[.]0+') THEN (CASE WHEN length(split_part(t, '.', 1)) < n THEN lpad(split_part(t, '.', 1), n, '0') ELSE split_part(t, '.', 1) END)
       ELSE t END`,
    // A number written any way the contract accepts, as plain text ("-1234.5"); NULL if it is none.
    // Ambiguous "1.234" and "1,234" are thousands here. t: the cell without currency or % signs
    // (vn_num_pre); macros take columns, never nested expressions, which DuckDB would copy.
    `CREATE OR REPLACE TEMP MACRO vn_num_t(t) AS CASE
       WHEN t IS NULL OR vn_digits(t) THEN t
       WHEN t = '-' THEN '0'
       WHEN regexp_full_match(t, '-?[0-9]+') THEN t
       WHEN regexp_full_match(t, '-?[1-9][0-9]{0,2}([.][0-9]{3})+(,[0-9]+)?') THEN replace(replace(t, '.', ''), ',', '.')
       WHEN regexp_full_match(t, '-?[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]+)?') THEN replace(t, ',', '')
       WHEN regexp_full_match(t, '-?[1-9][0-9]{0,2}( [0-9]{3})+') THEN replace(t, ' ', '')
       WHEN regexp_full_match(t, '-?[0-9]+[.][0-9]+') THEN t
       WHEN regexp_full_match(t, '-?[0-9]+,[0-9]+') THEN replace(t, ',', '.')
       END`,
    // Currency and percent signs are not part of the number.
    `CREATE OR REPLACE TEMP MACRO vn_num_pre(x) AS CASE
       WHEN x IS NULL OR vn_digits(x) THEN x
       ELSE NULLIF(trim(regexp_replace(x, '\\s*(đồng|đ|vnđ|vnd|%)$', '', 'i')), '') END`,
    // Values that read two ways: 1.234 (thousands, or one point two three four) and 1,234.
    `CREATE OR REPLACE TEMP MACRO vn_amb_dot(x) AS contains(x, '.') AND regexp_full_match(x, '-?[1-9][0-9]{0,2}[.][0-9]{3}')`,
    `CREATE OR REPLACE TEMP MACRO vn_amb_comma(x) AS contains(x, ',') AND regexp_full_match(x, '-?[1-9][0-9]{0,2},[0-9]{3}')`,
    `CREATE OR REPLACE TEMP MACRO vn_ambiguous(x) AS vn_amb_dot(x) OR vn_amb_comma(x)`,
    // Evidence of a column's number style: a decimal comma or dots grouping thousands (Vietnamese);
    // a decimal point or commas grouping thousands (English).
    `CREATE OR REPLACE TEMP MACRO vn_style_vn(x) AS (contains(x, ',') OR contains(x, '.')) AND regexp_matches(x, ',[0-9]{1,2}$|,[0-9]{4,}$|[.][0-9]{3}[.,]|^-?0,[0-9]|^-?[0-9]{4,},[0-9]')`,
    `CREATE OR REPLACE TEMP MACRO vn_style_en(x) AS (contains(x, ',') OR contains(x, '.')) AND regexp_matches(x, '[.][0-9]{1,2}$|[.][0-9]{4,}$|,[0-9]{3}[.,]|^-?0[.][0-9]|^-?[0-9]{4,}[.][0-9]')`,
    // Money: whole đồng once multiplied by the unit (1, 1000, 10^6, 10^9); NULL when it is not.
    `CREATE OR REPLACE TEMP MACRO vn_money_n(n, unit) AS CASE
       WHEN n IS NULL THEN NULL
       WHEN NOT contains(n, '.') THEN (CASE WHEN length(n) + log10(unit) <= 18 THEN n::BIGINT * unit::BIGINT END)
       WHEN length(regexp_extract(n, '[.]([0-9]*?)0*$', 1)) > log10(unit) OR length(split_part(n, '.', 1)) + log10(unit) > 18 THEN NULL
       ELSE (TRY_CAST(n AS DECIMAL(38, 9)) * unit)::BIGINT END`,
    `CREATE OR REPLACE TEMP MACRO vn_decimal_n(n) AS TRY_CAST(n AS DOUBLE)`,
    `CREATE OR REPLACE TEMP MACRO vn_integer_n(n) AS CASE WHEN regexp_full_match(n, '-?[0-9]{1,9}([.]0+)?') THEN TRY_CAST(split_part(n, '.', 1) AS INTEGER) END`,
    // Written as day/month/year (or month/day/year): one or two digits, then a separator; not ISO,
    // not an Excel serial number. (A cheap test: it runs on every date cell.)
    `CREATE OR REPLACE TEMP MACRO vn_dmy_form(t) AS length(t) BETWEEN 8 AND 19 AND (substr(t, 2, 1) IN ('/', '.', '-') OR substr(t, 3, 1) IN ('/', '.', '-'))
       AND regexp_full_match(t, '[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}( 0?0:00(:00)?)?')`,
    `CREATE OR REPLACE TEMP MACRO vn_date_other(t) AS CASE
       WHEN regexp_full_match(t, '[0-9]{5}([.]0+)?') THEN DATE '1899-12-30' + CAST(split_part(t, '.', 1) AS INTEGER)
       WHEN regexp_full_match(t, '[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}([ T]0?0:00(:00)?)?') THEN try_strptime(regexp_replace(split_part(split_part(t, ' ', 1), 'T', 1), '/', '-', 'g'), '%Y-%m-%d')::DATE
       END`,
    // Day first (Vietnamese), or month first when the whole column proves it.
    ...(["dm", "md"] as const).map(
      (order) => `CREATE OR REPLACE TEMP MACRO vn_date_${order}(t) AS CASE
       WHEN t IS NULL THEN NULL
       WHEN length(t) = 10 AND substr(t, 3, 1) = '/' AND substr(t, 6, 1) = '/' THEN try_strptime(t, '${order === "dm" ? "%d/%m/%Y" : "%m/%d/%Y"}')::DATE
       WHEN vn_dmy_form(t) THEN try_strptime(regexp_replace(split_part(t, ' ', 1), '[.-]', '/', 'g'), '${order === "dm" ? "%d/%m/%Y" : "%m/%d/%Y"}')::DATE
       ELSE vn_date_other(t) END`,
    ),
  ];
}

/** How a file's cells are read where a column leaves a choice, decided from the whole column. */
export interface ColumnStyles {
  /** Numbers whose 1.234 is one point two three four (English style). */
  dotDecimal: Set<string>;
  /** Numbers whose 1,234 is one comma two three four (Vietnamese style). */
  commaDecimal: Set<string>;
  /** Dates read month first. */
  monthFirst: Set<string>;
  /** Columns whose ambiguous values are refused: the column shows both styles. */
  refuseAmbiguous: Set<string>;
}

export const defaultStyles = (): ColumnStyles => ({ dotDecimal: new Set(), commaDecimal: new Set(), monthFirst: new Set(), refuseAmbiguous: new Set() });

/** A file of a read: its id and the data date its name or title rows give (ISO). */
export interface ReadFile {
  fileId: number;
  path: string;
  fileDate: string | null;
}

export interface ReadPlan {
  kind: ExportKind;
  /** Contract key → 0-based position of its column in the file (−1: absent). */
  positions: Map<string, number>;
  width: number;
  /** Đồng per written unit, by money column. */
  units: Map<string, number>;
  styles: ColumnStyles;
  files: ReadFile[];
  /** A unit list is known to this load: padded codes must be in it. */
  unitListsKnown: boolean;
}

const t = (key: string) => `t_${key}`;
const present = (plan: ReadPlan, c: ContractColumn) => (plan.positions.get(c.key) ?? -1) >= 0;
const usedColumns = (plan: ReadPlan) => columnsOf(plan.kind).filter((c) => present(plan, c));

/** Money columns whose empty cells mean 0: optional amounts and a balance's parts. */
const blankIsZero = (c: ContractColumn) =>
  c.type === "money" && (!c.required || ["balance_performing", "balance_overdue", "balance_frozen"].includes(c.key));

/** Columns whose cells carry a number or a date: two bits each in _style and _ambiguous. */
export const styledColumns = (kind: ExportKind) => columnsOf(kind).filter((c) => ["money", "decimal", "integer", "date"].includes(c.type));

/** A number that begins another code (a branch's, its PGD's): the zeros that make it that prefix. */
function prefixed(plan: ReadPlan, c: ContractColumn): string | null {
  const of = c.prefixOf ? columnsOf(plan.kind).find((o) => o.key === c.prefixOf) : undefined;
  if (!of || !present(plan, of)) return null;
  const x = t(c.key);
  const other = codeOf(of);
  // The shortest zero-padding that makes it the other code's beginning (widths up to 6).
  const widths = [2, 3, 4, 5, 6].map((w) => `WHEN length(${x}) < ${w} AND starts_with(${other}, lpad(${x}, ${w}, '0')) THEN lpad(${x}, ${w}, '0')`);
  return `CASE WHEN d_${c.key} AND ${other} IS NOT NULL THEN (CASE ${widths.join(" ")} ELSE ${x} END) ELSE vn_code(${x}, 0) END`;
}

/** A code's value: plain digits (d_, most cells) padded to the contract's width, else vn_code's cascade. */
function codeOf(c: ContractColumn): string {
  const x = t(c.key);
  const n = c.digits ?? 0;
  const plain = n > 0 ? `(CASE WHEN length(${x}) < ${n} THEN lpad(${x}, ${n}, '0') ELSE ${x} END)` : x;
  return `CASE WHEN d_${c.key} THEN ${plain} ELSE vn_code(${x}, ${n}) END`;
}

function valueOf(plan: ReadPlan, c: ContractColumn): string {
  const x = t(c.key);
  if (!present(plan, c)) {
    if (c.key === plan.kind.dataDate) return `CASE _file_id ${plan.files.map((f) => `WHEN ${f.fileId} THEN ${f.fileDate ? `DATE ${q(f.fileDate)}` : "NULL::DATE"}`).join(" ")} END`;
    return `NULL::${duckdbType[c.type]}`;
  }
  const decimalReading = [
    plan.styles.dotDecimal.has(c.key) ? `CASE WHEN vn_amb_dot(${x}) THEN ${x} END` : null,
    plan.styles.commaDecimal.has(c.key) ? `CASE WHEN vn_amb_comma(${x}) THEN replace(${x}, ',', '.') END` : null,
  ].filter(Boolean);
  const num = decimalReading.length ? `coalesce(${decimalReading.join(", ")}, n_${c.key})` : `n_${c.key}`;
  const hasName = usedColumns(plan).some((u) => u.key === "union_name");
  const unit = plan.units.get(c.key) ?? 1;
  // d_<key>: the cell is plain digits (most amounts and codes), read without the full cascade.
  const d = `d_${c.key}`;
  const parsed: Record<ColumnType, string> = {
    // An empty union code takes the union's name («Tên ĐVUT»); '' (a direct loan) is NULL.
    code:
      c.ref === "unions"
        ? `NULLIF(coalesce(g_${c.key}, CASE WHEN ${x} IS NULL ${hasName ? "THEN g_union_name" : "THEN NULL"} END), '')`
        : prefixed(plan, c) ?? codeOf(c),
    text: c.ref ? `coalesce(g_${c.key}, ${x})` : x,
    date: plan.styles.monthFirst.has(c.key) ? `vn_date_md(${x})` : `vn_date_dm(${x})`,
    money: `CASE WHEN ${d} AND length(${x}) + log10(${unit}) <= 18 THEN ${x}::BIGINT * ${unit}::BIGINT ELSE vn_money_n(${num}, ${unit}) END`,
    decimal: `CASE WHEN ${d} THEN ${x}::DOUBLE ELSE vn_decimal_n(${num}) END`,
    integer: `CASE WHEN ${d} AND length(${x}) <= 9 THEN ${x}::INTEGER ELSE vn_integer_n(${num}) END`,
  };
  return blankIsZero(c) ? `CASE WHEN ${x} IS NULL THEN 0 ELSE ${parsed[c.type]} END` : parsed[c.type];
}

/**
 * One reason a row may be refused: a column's own problem (the first of its checks that fails), or
 * a row rule. `ok` is a cheap test that a column's value has none of its problems (most cells: a
 * plain number, a well-formed date): the costly checks run only on the other cells.
 */
interface Problem {
  key: string;
  header: string;
  /** SQL giving the reason, or NULL when there is no problem. */
  reason: string;
  /** SQL for the value shown in the quarantine. */
  value: string;
}

const typeWords: Record<ColumnType, string> = {
  code: "mã",
  text: "văn bản",
  date: "ngày dd/mm/yyyy",
  money: "số tiền (ví dụ 1234567 hoặc 1.234.567)",
  decimal: "số",
  integer: "số nguyên",
};

const EXPONENT = `'[0-9][eE][+-]?[0-9]'`;
/** A date written p1/p2/yyyy whose parts could be day/month either way. */
const ambiguousDate = (x: string, value: string) =>
  `(vn_dmy_form(${x}) AND ${value} IS NOT NULL AND day(${value}) <= 12 AND month(${value}) <> day(${value}))`;

/** A cheap test that a column's value is fine as it is (see Problem). */
function okTest(plan: ReadPlan, c: ContractColumn): string {
  const x = t(c.key);
  const v = c.key;
  const empty = c.nullable || blankIsZero(c) ? `${x} IS NULL OR ` : "";
  const refused = plan.styles.refuseAmbiguous.has(c.key);
  switch (c.type) {
    case "money":
    case "decimal":
    case "integer":
      return refused ? "false" : `${empty}(d_${c.key} AND ${v} IS NOT NULL)`;
    case "date":
      return refused
        ? "false"
        : `${empty}(${v} IS NOT NULL AND ${v} BETWEEN DATE '1900-01-01' AND ${c.key === plan.kind.dataDate ? "current_date" : "DATE '2100-12-31'"})`;
    case "code": {
      const pad = c.unitList && plan.unitListsKnown ? ` AND length(${x}) >= ${c.digits}` : "";
      const ref = c.ref ? ` AND vn_ref_has_${c.ref}(${v})` : "";
      return `${empty}(d_${c.key}${pad}${ref})`;
    }
    case "text":
      return c.ref ? `${empty}g_${c.key} IS NOT NULL` : c.nullable ? "true" : `${x} IS NOT NULL`;
  }
}

/**
 * Every reason to refuse a row: each present column's own problem (p_<key>), then the row rules
 * (r_<n>), which are not reported over a value its column already refused.
 */
function problems(plan: ReadPlan): { columns: Problem[]; rules: Problem[] } {
  const out: Problem[] = [];
  const rules: Problem[] = [];
  const { kind } = plan;
  const columns = columnsOf(kind);
  const hasName = usedColumns(plan).some((u) => u.key === "union_name");
  for (const c of columns) {
    if (!present(plan, c)) continue;
    const x = t(c.key);
    const whens: [string, string][] = [];
    const add = (condition: string, reason: string) => whens.push([condition, reason]);
    if (c.ref === "unions") {
      if (!c.nullable) add(`${x} IS NULL AND ${c.key} IS NULL`, q(`thiếu giá trị bắt buộc${hasName ? " (cả Mã ĐVUT và Tên ĐVUT đều trống)" : ""}`));
      add(
        `${x} IS NOT NULL AND g_${c.key} IS NULL`,
        `printf('«%s» không phải Hội đoàn thể nào đã biết: dùng mã 11–14 hoặc 01–04, HND/HPN/HCCB/ĐTN hay tên Hội, hoặc thêm cách viết này vào config/union-aliases.json', ${x})`,
      );
      if (hasName) {
        add(
          `${x} IS NULL AND t_union_name IS NOT NULL AND g_union_name IS NULL`,
          `printf('Tên ĐVUT «%s» không phải Hội đoàn thể nào đã biết (thêm vào config/union-aliases.json nếu đúng)', t_union_name)`,
        );
        add(
          `g_${c.key} IS NOT NULL AND g_union_name IS NOT NULL AND g_${c.key} <> g_union_name`,
          `printf('Mã ĐVUT «%s» và Tên ĐVUT «%s» chỉ hai Hội khác nhau', ${x}, t_union_name)`,
        );
      }
      const ok = `g_${c.key} IS NOT NULL${hasName ? ` AND (g_union_name IS NULL OR g_union_name = g_${c.key})` : ""}`;
      out.push(problem(c, x, ok, whens));
      continue;
    }
    if (!c.nullable && !blankIsZero(c)) add(`${x} IS NULL`, q("thiếu giá trị bắt buộc"));
    add(`${x} = ${q(FORMULA_WITHOUT_VALUE)}`, q("ô công thức Excel chưa có giá trị đã tính: mở tệp bằng Excel, tính lại và lưu, rồi nạp lại"));
    add(`starts_with(${x}, '#') AND regexp_full_match(${x}, '#(N/A|VALUE!|REF!|DIV/0!|NAME[?]|NUM!|NULL!)')`, `printf('ô lỗi Excel %s', ${x})`);
    const unreadable = `${x} IS NOT NULL AND ${c.key} IS NULL`;
    if (c.type === "money" || c.type === "decimal" || c.type === "integer") {
      add(`${unreadable} AND regexp_matches(${x}, ${EXPONENT})`, `printf('số %s viết dạng lũy thừa: Excel đã làm tròn khi lưu; định dạng cột là số đầy đủ rồi xuất lại', ${x})`);
      if (plan.styles.refuseAmbiguous.has(c.key)) {
        add(`vn_ambiguous(${x})`, `printf('%s đọc được hai cách (nghìn hay thập phân): cột này có cả số kiểu Việt Nam (1.234,5) và kiểu Anh (1,234.5)', ${x})`);
      }
    }
    if (c.type === "money") {
      const unit = plan.units.get(c.key) ?? 1;
      add(
        `${unreadable} AND n_${c.key} IS NOT NULL`,
        unit === 1
          ? `printf('số tiền %s có phần lẻ: số tiền phải là số đồng nguyên', ${x})`
          : `printf('số tiền %s × %s đồng (đơn vị tính của tệp) không ra số đồng nguyên', ${x}, ${q(unit.toLocaleString("vi-VN"))})`,
      );
      add(unreadable, q(`không đọc được; cần ${typeWords.money}`));
      if (!c.signed) add(`${c.key} < 0`, q("số tiền âm"));
    } else if (c.type === "date") {
      if (plan.styles.refuseAmbiguous.has(c.key)) {
        add(ambiguousDate(x, c.key), `printf('ngày %s không rõ ngày/tháng: cột này có cả kiểu dd/mm/yyyy và mm/dd/yyyy', ${x})`);
      }
      add(`${unreadable} AND vn_dmy_form(${x}) AND vn_date_md(${x}) IS NOT NULL`, `printf('ngày %s không có theo thứ tự ngày/tháng/năm (tháng > 12)', ${x})`);
      add(unreadable, q(`không đọc được; cần ${typeWords.date}`));
      add(`year(${c.key}) NOT BETWEEN 1900 AND 2100`, q("năm không hợp lệ (cần năm đủ 4 chữ số)"));
      if (c.key === kind.dataDate) add(`${c.key} > current_date`, q("ngày số liệu ở tương lai"));
    } else if (c.type === "decimal" || c.type === "integer") {
      add(unreadable, q(`không đọc được; cần ${typeWords[c.type]}`));
    } else if (c.type === "code") {
      add(
        `regexp_full_match(${x}, '[0-9]+([.,][0-9]+)?[eE][+][0-9]+')`,
        `printf('mã %s bị Excel đổi sang dạng số mũ: định dạng cột là Văn bản rồi xuất lại', ${x})`,
      );
      add(`length(${c.key}) > 40 OR NOT regexp_full_match(${c.key}, '[\\p{L}\\p{N}][\\p{L}\\p{N}._/-]*')`, q("không phải một mã (mã chỉ gồm chữ, số và . _ / -)"));
      if (c.unitList && plan.unitListsKnown) {
        add(
          `length(${x}) < ${c.digits} AND NOT vn_known_${c.unitList}(${c.key})`,
          `printf('mã %s được thêm số 0 thành %s nhưng không có trong danh mục đơn vị (DMDONVI): không tạo đơn vị mới', ${x}, ${c.key})`,
        );
      }
    }
    if (c.ref) add(`${c.key} IS NOT NULL AND NOT vn_ref_has_${c.ref}(${c.key})`, q(`${c.type === "code" ? "mã" : "giá trị"} không có trong danh mục (sql/seeds/ref_${c.ref}.csv)`));
    out.push(problem(c, x, okTest(plan, c), whens));
  }
  const dateColumn = columns.find((c) => c.key === kind.dataDate);
  if (dateColumn && !present(plan, dateColumn)) {
    rules.push({
      key: dateColumn.key,
      header: dateColumn.header,
      reason: `CASE WHEN ${dateColumn.key} > current_date THEN ${q("ngày số liệu (theo tên tệp hoặc dòng tiêu đề) ở tương lai")} END`,
      value: `strftime(${dateColumn.key}, '%d/%m/%Y')`,
    });
  }
  for (const rule of kind.rules ?? []) {
    const used = columns.filter((c) => new RegExp(`\\b${c.key}\\b`).test(rule.rejectWhen));
    // A rule over a column the file lacks cannot be checked; the missing column is reported on its own.
    if (used.some((c) => !present(plan, c) && !c.nullable)) continue;
    const column = columns.find((c) => c.key === rule.column)!;
    // Nor is a rule reported over a value its column already refused.
    const clean = used.filter((c) => present(plan, c)).map((c) => `p_${c.key} IS NULL`);
    rules.push({
      key: rule.column,
      header: column.header,
      reason: `CASE WHEN ${[...clean, `COALESCE((${rule.rejectWhen}), false)`].join(" AND ")} THEN ${rule.reason} END`,
      value: present(plan, column) ? t(rule.column) : "NULL",
    });
  }
  return { columns: out, rules };
}

/** A column's problem: NULL when its cheap test passes, else the first check that fails. */
function problem(c: ContractColumn, x: string, ok: string, whens: [string, string][]): Problem {
  const reason = whens.length
    ? `CASE WHEN COALESCE((${ok}), false) THEN NULL ${whens.map(([w, r]) => `WHEN COALESCE((${w}), false) THEN ${r}`).join(" ")} END`
    : "NULL";
  return { key: c.key, header: c.header, reason, value: x };
}

/** Code tables and the column that holds their codes. */
export const refColumn: Record<string, string> = {
  unions: "union_code",
  programmes: "programme_code",
  funding_sources: "funding_source_code",
  rating_classes: "rating_class",
  handling_cases: "handling_case",
  metrics: "metric_code",
  inspection_levels: "level",
  risk_measures: "measure",
};

/**
 * The SELECT that reads a plan's files (every cell as text) and gives, per record in file order:
 * the contract's columns parsed, _file_id, _label (total, subtotal, note, blank; NULL for data),
 * _fails (the failed checks of a data row), _style and _ambiguous (two bits per styled column:
 * evidence of either style, and ambiguous values), _cleaned (code cells that held invisible
 * characters, an apostrophe or a tab).
 */
export function readSelect(plan: ReadPlan, readCsv: string): string {
  const { kind } = plan;
  const contract = columnsOf(kind);
  const used = usedColumns(plan);
  const pos = (c: ContractColumn) => plan.positions.get(c.key)!;
  const fileId = plan.files.length === 1 ? String(plan.files[0]!.fileId) : `CASE filename ${plan.files.map((f) => `WHEN ${q(f.path)} THEN ${f.fileId}`).join(" ")} END`;
  const codes = used.filter((c) => c.type === "code");
  // A code cell cleaned of more than plain spaces (trim() would also take a no-break space). Each
  // cell appears once in the expression: NULLIF(a, b) repeats a, and DuckDB then computes a repeated
  // expression for every row, beyond the CASE that should spare plain cells.
  const cleaned = codes.length
    ? codes.map((c) => `(CASE WHEN d_${c.key} THEN 0 WHEN coalesce(${t(c.key)}, '') <> coalesce(trim(c${pos(c)}, ' '), '') THEN 1 ELSE 0 END)`).join(" + ")
    : "0";
  // Plain cells, told by one cheap test: digits for amounts, counts and codes; dd/mm/yyyy for dates.
  const plainTest = (c: ContractColumn, cell: string) =>
    c.type === "date"
      ? `(length(${cell}) = 10 AND substr(${cell}, 3, 1) = '/' AND substr(${cell}, 6, 1) = '/')`
      : c.type === "text"
        ? null
        : `coalesce(regexp_full_match(${cell}, '[0-9]{1,${c.type === "code" ? 40 : 15}}'), false)`;
  // A totals row names no unit or loan; a row with no number, no date and no code-like cell is a
  // note (a signature, «Người lập biểu», a repeated header, a row of column numbers).
  const identityCodes = used.filter((c) => c.required && !c.nullable && c.type === "code");
  const allEmpty = (cols: ContractColumn[]) => (cols.length ? cols.map((c) => `${t(c.key)} IS NULL`).join(" AND ") : "false");
  const evidence = [
    ...used.filter((c) => ["money", "decimal", "integer"].includes(c.type)).map((c) => `n_${c.key} IS NOT NULL`),
    ...used.filter((c) => c.type === "date").map((c) => `regexp_matches(${t(c.key)}, '^[0-9]')`),
    ...used
      .filter((c) => c.type === "code" && c.ref !== "unions")
      .map((c) => `(regexp_matches(${t(c.key)}, '[0-9]') AND regexp_full_match(${t(c.key)}, '[\\p{L}\\p{N}][\\p{L}\\p{N}._/-]*'))`),
  ];
  const bit = (i: number, second: boolean) => `${1n << BigInt(2 * i + (second ? 1 : 0))}::BIGINT`;
  const styled = styledColumns(kind).map((c, i) => ({ c, i })).filter(({ c }) => present(plan, c));
  const styleBits = styled.map(({ c, i }) => {
    const x = t(c.key);
    return c.type === "date"
      ? `(CASE WHEN vn_dmy_form(${x}) AND ${c.key} IS NOT NULL AND day(${c.key}) > 12 THEN ${bit(i, false)} ELSE 0 END) | ` +
          `(CASE WHEN ${c.key} IS NULL AND vn_dmy_form(${x}) AND vn_date_md(${x}) IS NOT NULL THEN ${bit(i, true)} ELSE 0 END)`
      : `(CASE WHEN d_${c.key} THEN 0 ELSE (CASE WHEN vn_style_vn(${x}) THEN ${bit(i, false)} ELSE 0 END) | (CASE WHEN vn_style_en(${x}) THEN ${bit(i, true)} ELSE 0 END) END)`;
  });
  const ambiguousBits = styled.map(({ c, i }) =>
    c.type === "date"
      ? `(CASE WHEN ${ambiguousDate(t(c.key), c.key)} THEN ${bit(i, false)} ELSE 0 END)`
      : `(CASE WHEN d_${c.key} THEN 0 ELSE (CASE WHEN vn_amb_dot(${t(c.key)}) THEN ${bit(i, false)} ELSE 0 END) | (CASE WHEN vn_amb_comma(${t(c.key)}) THEN ${bit(i, true)} ELSE 0 END) END)`,
  );
  const numeric = used.filter((c) => c.type === "money" || c.type === "decimal" || c.type === "integer");
  // Spellings looked up in a code list: unions (code and name) and text codes (rating classes …).
  const lookups = used.flatMap((c) =>
    c.ref === "unions" || c.key === "union_name" ? [{ key: c.key, macro: "vn_union" }] : c.type === "text" && c.ref ? [{ key: c.key, macro: `vn_ref_${c.ref}` }] : [],
  );
  const usedPlain = (key: string) => used.some((c) => c.key === key && plainTest(c, "x") !== null);
  const found = problems(plan);
  const columnChecks = found.columns.map((p) => ({ ...p, name: `p_${p.key}` }));
  const ruleChecks = found.rules.map((p, i) => ({ ...p, name: `r_${i}` }));
  const named = [...columnChecks, ...ruleChecks];
  const dataOnly = (expr: string) => `CASE WHEN _label IS NULL THEN ${expr} END`;
  // The row's first non-blank cell: a CASE stops at the first (most rows: column 1), where a
  // coalesce of NULLIF(trim(…)) would trim every cell of every row (see `cleaned`).
  const first = `CASE ${Array.from({ length: plan.width }, (_, i) => `WHEN ltrim(c${i}) <> '' THEN trim(c${i})`).join(" ")} END`;
  // Each check is computed once, as a column; the row's failures are the list of those that hold.
  const failed = named.length
    ? `CASE WHEN ${named.map((p) => `${p.name} IS NOT NULL`).join(" OR ")} THEN list_filter([${named
        .map((p) => `CASE WHEN ${p.name} IS NOT NULL THEN {'header': ${q(p.header)}, 'value': ${p.value}, 'reason': ${p.name}} END`)
        .join(",\n  ")}], x -> x IS NOT NULL) END`
    : "NULL";
  return `
SELECT ${contract.map((c) => c.key).join(", ")}, _file_id, _label,
  ${dataOnly(failed)} AS _fails,
  ${dataOnly(styleBits.length ? styleBits.join(" | ") : "0::BIGINT")} AS _style,
  ${dataOnly(ambiguousBits.length ? ambiguousBits.join(" | ") : "0::BIGINT")} AS _ambiguous,
  ${dataOnly(cleaned)} AS _cleaned
FROM (
  SELECT *${ruleChecks.map((p) => `,\n    ${p.reason} AS ${p.name}`).join("")}
  FROM (
  SELECT *${columnChecks.map((p) => `,\n    ${p.reason} AS ${p.name}`).join("")}
  FROM (
    SELECT *, ${contract.map((c) => `${valueOf(plan, c)} AS ${c.key}`).join(",\n      ")},
      CASE
        WHEN _first IS NULL THEN 'blank'
        WHEN vn_total(_first_label) IS NOT NULL AND ${allEmpty(identityCodes)} THEN vn_total(_first_label)
        WHEN NOT (${evidence.length ? evidence.map((e) => `coalesce(${e}, false)`).join(" OR ") : "true"}) THEN 'note'
      END AS _label
    FROM ${layers(
      `(SELECT ${fileId} AS _file_id, ${used.map((c) => `c${pos(c)}`).join(", ")},
        ${used.flatMap((c) => (plainTest(c, `c${pos(c)}`) ? [`${plainTest(c, `c${pos(c)}`)} AS d_${c.key},`] : [])).join(" ")}
        ${first} AS _first
      FROM ${readCsv})`,
      [
        used.map((c) =>
          c.type === "text" ? `NULLIF(trim(c${pos(c)}), '') AS ${t(c.key)}` : `CASE WHEN d_${c.key} THEN c${pos(c)} ELSE vn_clean(c${pos(c)}) END AS ${t(c.key)}`,
        ),
        // A totals row's label is looked at only when the row's first cell could be one.
        [`CASE WHEN lower(left(_first, 1)) IN (${totalInitials}) THEN vn_label(_first) END AS _first_label`],
        // A code of plain digits is its own key.
        lookups.map((l) => `${usedPlain(l.key) ? `CASE WHEN d_${l.key} THEN t_${l.key} ELSE vn_key(t_${l.key}) END` : `vn_key(t_${l.key})`} AS k_${l.key}`),
        lookups.map((l) => `${l.macro}(k_${l.key}) AS g_${l.key}`),
        numeric.map((c) => `CASE WHEN d_${c.key} THEN t_${c.key} ELSE vn_num_pre(t_${c.key}) END AS u_${c.key}`),
        numeric.map((c) => `CASE WHEN d_${c.key} THEN t_${c.key} ELSE vn_num_t(u_${c.key}) END AS n_${c.key}`),
      ],
    )}
  ) parsed_
  ) columns_
) checked_`;
}

/** The first letters a totals label can start with ('t', 'c'). */
const totalInitials = [...new Set([...grandTotalLabels, ...subtotalPrefixes].map((l) => l[0]!))].map(q).join(", ");

/** Each step's columns computed from the step before, as nested SELECTs (never a macro over a macro). */
const layers = (from: string, steps: string[][]) =>
  steps.filter((s) => s.length).reduce((inner, cols, i) => `(SELECT *, ${cols.join(", ")} FROM ${inner} step_${i})`, `${from}`) + " layered_";
