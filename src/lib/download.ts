// Table downloads. Excel workbooks are written by write-excel-file (bundled from node_modules, no
// network): each sheet opens with a title block (report, data date, unit, source, filters), then a
// frozen, bold header row and the rows, numbers kept as numbers in the unit the column shows with an
// Excel number format, text as text, dates as dates. CSV is UTF-8 with a BOM, separated by «;»,
// numbers written plainly (decimal comma, ASCII «-», no grouping or signs) and missing values
// left empty, so a Vietnamese Excel reads every figure as a number.
import writeXlsxFile, { type Cell, type SheetData } from "write-excel-file/universal";
import * as fmt from "./format.js";

export interface DownloadColumn<R> extends fmt.CellFormat {
  label: string;
  value: (row: R) => number | string | null;
  /** A format for this row when rows of one column differ (targets of different metrics). */
  formatOf?: (row: R) => fmt.CellFormat;
}

/** What a download says about itself above the table. */
export interface ReportMeta {
  /** The report or table title (a table's caption). */
  title: string;
  /** Data date (yyyy-mm-dd) the figures are for. */
  date?: string | null;
  /** The branch: the source line reads «NHCSXH – <branch>». */
  branch?: string | null;
  /** Filters applied, as the user chose them: «Hội đoàn thể: Hội Nông dân». */
  filters?: string[];
  /** The unit line; by default derived from the columns' formats. */
  unit?: string;
}

/** One sheet of a workbook: a table with its title block. */
export interface SheetSpec<R = never> {
  /** Sheet name; made valid for Excel (see sheetNames). Defaults to the title. */
  name?: string;
  meta: ReportMeta;
  columns: DownloadColumn<R>[];
  rows: R[];
}

const moneyScale: Record<fmt.MoneyUnit, number> = { trieu: 1e6, ty: 1e9 };
const defaultDigits = (f: fmt.CellFormat): number => {
  switch (f.kind) {
    case "money":
    case "moneyChange":
      return f.digits ?? (f.money === "trieu" ? 0 : 1);
    case "percent":
    case "pointChange":
    case "percentChange":
      return f.digits ?? 2;
    case "count":
      return 0;
    case "countChange":
      return f.digits ?? 0;
    default:
      return f.digits ?? 1;
  }
};
const formatOf = <R>(c: DownloadColumn<R>, row: R): fmt.CellFormat => c.formatOf?.(row) ?? c;

/** The number a column shows, in its unit (triệu/tỷ đồng for money), not rounded. */
function inColumnUnit(value: number, f: fmt.CellFormat): number {
  return f.kind === "money" || f.kind === "moneyChange" ? value / moneyScale[f.money ?? "ty"] : value;
}

/** The text of a column's cell, as the table shows it. */
export const cellText = <R>(c: DownloadColumn<R>, row: R) => fmt.cell(c.value(row), formatOf(c, row));

// ---- CSV -------------------------------------------------------------------------------------

/** A number as a Vietnamese Excel reads it: «-1234,5» (decimal comma, ASCII minus, no grouping). */
export function csvNumber(value: number, f: fmt.CellFormat): string {
  const digits = defaultDigits(f);
  const text = inColumnUnit(value, f).toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits).replace(".", ",") : text.replace(".", ",");
}

function csvCell<R>(c: DownloadColumn<R>, row: R): string {
  const value = c.value(row);
  const f = formatOf(c, row);
  if (value === null || value === undefined || value === "" || (typeof value === "number" && !Number.isFinite(value))) return "";
  if (typeof value === "number") return csvNumber(value, f);
  return f.kind === "date" ? fmt.date(value) : value;
}

const csvQuote = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function toCsv<R>(columns: DownloadColumn<R>[], rows: R[]): string {
  const lines = [columns.map((c) => csvQuote(c.label)).join(";"), ...rows.map((r) => columns.map((c) => csvQuote(csvCell(c, r))).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---- Sheet names -----------------------------------------------------------------------------

const maxSheetName = 31;

/** Words that leave a name hanging when it is cut after them («Chỉ tiêu năm 2026 của các»). */
const dangling = new Set(["của", "các", "những", "theo", "và", "cho", "với", "trong", "từ", "đến", "tới", "ngày", "năm", "tháng", "được", "có", "là", "ở", "về", "trên", "dưới", "nhận", "giao", "so", "mức", "số"]);

/** Cuts text to at most `max` characters at a word boundary (never inside a word, when a word fits). */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const space = head.lastIndexOf(" ");
  if (space <= 0) return text.slice(0, max);
  const words = head.slice(0, space).replace(/[\s,.;–-]+$/u, "").split(" ");
  while (words.length > 1 && dangling.has(words[words.length - 1]!.toLocaleLowerCase("vi"))) words.pop();
  return words.join(" ");
}

/** One name Excel accepts: no / \ ? * : [ ], not blank, no leading or trailing apostrophe, ≤ 31 characters. */
export function sheetName(text: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFC")
      .replace(/(\d)\/(?=\d)/g, "$1-") // dates: 31/12/2025 → 31-12-2025
      .replace(/[/\\?*:[\]\u0000-\u001f]/g, " ")
      .replace(/\s+/g, " ")
      .replace(/^[\s'–-]+|[\s'–-]+$/g, "");
  // The part before the first clause break names the table best: «Kết quả theo Hội, ngày …».
  const lead = clean(text.split(/[,;(]/)[0]!);
  const base = clean(cutAtWord(lead.length >= 3 ? lead : clean(text), maxSheetName));
  return base && base.toLowerCase() !== "history" ? base : "Bảng";
}

/** Valid, distinct names (Excel compares them without case): a repeat gets « (2)», « (3)» … */
export function sheetNames(texts: string[]): string[] {
  const taken = new Set<string>();
  return texts.map((t) => {
    const base = sheetName(t);
    let name = base;
    for (let n = 2; taken.has(name.toLocaleLowerCase("vi")); n++) {
      const suffix = ` (${n})`;
      name = `${cutAtWord(base, maxSheetName - suffix.length)}${suffix}`;
    }
    taken.add(name.toLocaleLowerCase("vi"));
    return name;
  });
}

// ---- Workbooks -------------------------------------------------------------------------------

/** «Đơn vị: tỷ đồng, triệu đồng (ghi ở từng cột); tỷ lệ: %», from the columns' formats. */
export function unitLine<R>(columns: DownloadColumn<R>[]): string {
  // Rows of different metrics (targets): the unit is written in each row.
  if (columns.some((c) => c.formatOf)) return "Đơn vị: như ghi ở từng dòng (tiền: triệu hoặc tỷ đồng; tỷ lệ: %).";
  const money = [...new Set(columns.filter((c) => c.kind === "money" || c.kind === "moneyChange").map((c) => fmt.moneyUnitLabel[c.money ?? "ty"]))];
  const parts = [
    money.length ? `tiền: ${money.join(", ")}${money.length > 1 ? " (ghi ở từng cột)" : ""}` : null,
    columns.some((c) => c.kind === "percent" || c.kind === "percentChange") ? "tỷ lệ: %" : null,
    columns.some((c) => c.kind === "pointChange") ? "thay đổi tỷ lệ: điểm %" : null,
    columns.some((c) => c.kind === "count" || c.kind === "countChange") ? "số lượng: như ghi ở cột" : null,
  ].filter(Boolean);
  return parts.length ? `Đơn vị: ${parts.join("; ")}.` : "Đơn vị: như ghi ở từng cột.";
}

/** The rows above a table: title, source, data date, unit, filters. */
export function titleBlock<R>(meta: ReportMeta, columns: DownloadColumn<R>[]): string[] {
  return [
    meta.title,
    `Nguồn: NHCSXH${meta.branch ? ` – ${meta.branch}` : ""}`,
    meta.date ? `Số liệu đến ngày ${fmt.date(meta.date)}` : null,
    meta.unit ?? unitLine(columns),
    meta.filters?.length ? `Bộ lọc: ${meta.filters.join("; ")}` : null,
  ].filter((line): line is string => line !== null);
}

const excelFormat = (digits: number) => (digits > 0 ? `#,##0.${"0".repeat(digits)}` : "#,##0");
const signedExcelFormat = (digits: number) => `+${excelFormat(digits)};-${excelFormat(digits)};0`;

/** A table cell for Excel: the number in the column's unit with its format, a date, or text. */
export function excelCell(value: number | string | null | undefined, f: fmt.CellFormat): Cell {
  if (value === null || value === undefined || value === "" || (typeof value === "number" && !Number.isFinite(value))) return null;
  if (typeof value === "string") {
    return f.kind === "date" && /^\d{4}-\d{2}-\d{2}/.test(value) ? { value: fmt.toDate(value), type: Date, format: "dd/mm/yyyy" } : { value, type: String };
  }
  const digits = defaultDigits(f);
  const signed = f.kind === "moneyChange" || f.kind === "pointChange" || f.kind === "percentChange" || f.kind === "countChange";
  return { value: inColumnUnit(value, f), type: Number, format: signed ? signedExcelFormat(digits) : excelFormat(digits) };
}

/** Column widths in characters: the widest cell as shown, the header wrapping at about 24. */
function widths<R>(columns: DownloadColumn<R>[], rows: R[]): number[] {
  return columns.map((c) => {
    const cells = rows.slice(0, 500).map((r) => cellText(c, r).length);
    const longestWord = Math.max(...c.label.split(/\s+/).map((w) => w.length));
    return Math.min(50, Math.max(8, longestWord + 2, Math.min(c.label.length, 24) + 2, ...cells.map((n) => n + 2)));
  });
}

interface BuiltSheet {
  data: SheetData;
  sheet: string;
  columns: { width: number }[];
  stickyRowsCount: number;
  stickyColumnsCount: number;
}

function buildSheet<R>(spec: SheetSpec<R>, name: string): BuiltSheet {
  const block = titleBlock(spec.meta, spec.columns);
  const width = widths(spec.columns, spec.rows);
  const headerLines = Math.max(...spec.columns.map((c, i) => Math.ceil(c.label.length / Math.max(1, width[i]! - 2))));
  const pad = (cells: Cell[]) => [...cells, ...Array<Cell>(Math.max(0, spec.columns.length - cells.length)).fill(null)];
  const data: SheetData = [
    ...block.map((line, i) => pad([i === 0 ? { value: line, type: String, fontWeight: "bold", fontSize: 13 } : { value: line, type: String, fontStyle: "italic" }])),
    pad([]),
    spec.columns.map((c) => ({
      value: c.label,
      type: String,
      fontWeight: "bold",
      wrap: true,
      alignVertical: "bottom",
      align: c.kind === "text" || c.kind === "date" ? "left" : "right",
      bottomBorderStyle: "thin",
      height: 15 * Math.min(4, headerLines),
    })),
    ...spec.rows.map((r) => spec.columns.map((c) => excelCell(c.value(r), formatOf(c, r)))),
  ];
  return { data, sheet: name, columns: width.map((w) => ({ width: w })), stickyRowsCount: block.length + 2, stickyColumnsCount: 1 };
}

/** A workbook of one or more tables, each on its own sheet with its title block. */
export async function workbook(sheets: SheetSpec<any>[]): Promise<Blob> {
  if (!sheets.length) throw new Error("Không có bảng nào để tải.");
  const names = sheetNames(sheets.map((s) => s.name ?? s.meta.title));
  const built = sheets.map((s, i) => buildSheet(s, names[i]!));
  const blob = await writeXlsxFile(built, { fontFamily: "Calibri", fontSize: 11 }).toBlob();
  return new Blob([blob], { type: xlsxType });
}

/** One table as a workbook (a table's «Tải Excel»). */
export function toXlsx<R>(sheet: SheetSpec<R>): Promise<Blob> {
  return workbook([sheet]);
}

// ---- Saving ----------------------------------------------------------------------------------

/** Gives the file to the browser as a download. */
export function save(name: string, data: string | Uint8Array | Blob, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name without characters that file systems refuse. */
export const fileName = (text: string) => text.replace(/[/\\?*:|"<>\u0000-\u001f]+/g, "-").replace(/\s+/g, "-").slice(0, 120);

export const csvType = "text/csv;charset=utf-8";
export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- Sheets of a page ------------------------------------------------------------------------

let context: Omit<ReportMeta, "title"> = {};

/** What every download of this page says unless its table says otherwise: branch, data date,
 * filters. Pages call it where their view changes; the fields given replace the earlier ones. */
export function setReportContext(meta: Omit<ReportMeta, "title">): void {
  context = { ...context, ...meta };
}

export const reportContext = (): Omit<ReportMeta, "title"> => context;

/** The sheet each table on the page would download, so one click can take them all. */
const pageSheets = new WeakMap<Element, () => SheetSpec<any>>();

/** Registers the sheet behind an element (a table, a block of headline figures). */
export function attachSheet(element: Element, sheet: () => SheetSpec<any>): void {
  element.setAttribute("data-sheet", "");
  pageSheets.set(element, sheet);
}

/** Every sheet attached to elements inside `root`, in the order the page shows them. */
export function sheetsIn(root: ParentNode): { element: Element; sheet: SheetSpec<any> }[] {
  return [...root.querySelectorAll("[data-sheet]")].flatMap((element) => {
    const sheet = pageSheets.get(element);
    return sheet ? [{ element, sheet: sheet() }] : [];
  });
}
