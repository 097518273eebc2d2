// Reads the files of one kind and layout into its raw table, inside the caller's transaction: one
// read_csv for all of them (parallel, one append straight to disk), every cell as text, parsed and
// checked in SQL (parse-sql.ts). Then, file by file: a column whose values show the other number
// or date style is read again in that style; rows Excel left short are read padded; rows that are
// no data (totals, notes, signatures, blank) are set apart and counted; rejected rows go to the
// quarantine with file, line, column and reason; rows off the file's data date are rejected.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { columnsOf, type ExportKind } from "../contract/exports.js";
import type { Warehouse } from "../warehouse/connection.js";
import { rawTable } from "../warehouse/schema.js";
import { splitCsvLine, type CsvLayout } from "./csv-sniff.js";
import type { CsvScan } from "./csv-scan.js";
import { LineLocator } from "./line-locator.js";
import { defaultStyles, readSelect, styledColumns, type ColumnStyles, type ReadPlan } from "./parse-sql.js";

export interface GroupFile {
  fileId: number;
  csvPath: string;
  scan: CsvScan;
  /** The data date the file's name or title rows give (ISO), and which gave it. */
  fileDate: string | null;
  dateFrom: "name" | "title" | null;
}

export interface FileRead {
  /** Data records: loaded + rejected. */
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Records that are no data: totals, subtotals, notes, signatures, blank rows. */
  rowsSkipped: number;
  cellsCleaned: number;
  /** Line of the k-th row this file put into raw_<kind>. */
  locator: LineLocator;
  notes: string[];
}

interface Reject {
  line: number;
  header: string | null;
  value: string | null;
  reason: string;
}

interface ReaderReject {
  line: number;
  error_type: string;
  csv_line: string;
  error_message: string;
}

const lit = (v: string | null) => (v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`);

export interface GroupContext {
  tmpDir: string;
  unitListsKnown: boolean;
  /** Đồng per written unit, by money column (header unit, else the title rows' unit). */
  units: Map<string, number>;
}

/** Reads a group; returns each file's counts. Rows stay in raw_<kind> (checked, data only). */
export async function readGroup(db: Warehouse, kind: ExportKind, layout: CsvLayout, files: GroupFile[], ctx: GroupContext): Promise<Map<number, FileRead>> {
  const plan = (fs: GroupFile[], styles: ColumnStyles): ReadPlan => ({
    kind,
    positions: layout.match.positions,
    width: layout.headers.length,
    units: ctx.units,
    styles,
    files: fs.map((f) => ({ fileId: f.fileId, path: f.csvPath, fileDate: f.fileDate })),
    unitListsKnown: ctx.unitListsKnown,
  });
  const longest = Math.max(...files.map((f) => f.scan.longestLine));
  let rejects = await insert(db, plan(files, defaultStyles()), layout, longest);
  const out = new Map<number, FileRead>();
  for (const f of files) {
    const notes: string[] = [];
    const styles = await stylesOf(db, kind, f.fileId, layout.delimiter, notes);
    if (styles) {
      await db.run(`DELETE FROM ${rawTable(kind)} WHERE _file_id = ${f.fileId}`);
      const again = await insert(db, plan([f], styles), layout, f.scan.longestLine);
      rejects = new Map([...rejects, ...again]);
    }
    out.set(f.fileId, await finishFile(db, kind, layout, f, rejects.get(f.csvPath) ?? [], notes, plan([f], styles ?? defaultStyles()), ctx));
  }
  return out;
}

function readCsv(paths: string[], layout: CsvLayout, skip: number, longestLine: number): string {
  const columns = layout.headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  // A long note in a cell must not stop the read: the line limit is the file's longest line.
  const maxLine = Math.max(2 << 20, longestLine + 1024);
  return `read_csv([${paths.map(lit).join(", ")}], columns = {${columns}}, header = false, skip = ${skip},
    delim = ${lit(layout.delimiter)}, quote = '"', escape = '"', new_line = '${layout.newline === "\r\n" ? "\\r\\n" : "\\n"}', null_padding = false, auto_detect = false,
    max_line_size = ${maxLine}, buffer_size = ${Math.max(16 << 20, 4 * maxLine)}, filename = true,
    store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans')`;
}

/** DuckDB's reader failed on the files of a read (not a row: the read itself). */
export class ReadFailed extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

async function insert(db: Warehouse, plan: ReadPlan, layout: CsvLayout, longestLine: number, skip = layout.skipRecords): Promise<Map<string, ReaderReject[]>> {
  const keys = columnsOf(plan.kind).map((c) => c.key);
  const csv = readCsv(plan.files.map((f) => f.path), layout, skip, longestLine);
  const sql = `INSERT INTO ${rawTable(plan.kind)} (${keys.join(", ")}, _file_id, _label, _fails, _style, _ambiguous, _cleaned)
      ${readSelect(plan, csv)}`;
  try {
    // Row positions (hence quarantine lines) are insert order. A parallel insert keeps the file's
    // order only as a BATCH_INSERT; any other plan (a join in the read) is run on one thread.
    const ordered = (await db.all<{ explain_value: string }>(`EXPLAIN ${sql}`)).some((r) => r.explain_value.includes("BATCH_INSERT"));
    if (!ordered) await db.run(`SET threads = 1`);
    try {
      await db.run(sql);
    } finally {
      if (!ordered) await db.run(`RESET threads`);
    }
  } catch (e) {
    throw new ReadFailed(e);
  }
  return readerRejects(db);
}

/** The reader's rejects of the last read, by the file they came from. */
async function readerRejects(db: Warehouse): Promise<Map<string, ReaderReject[]>> {
  const rows = await db.all<ReaderReject & { path: string }>(
    `SELECT s.file_path AS path, e.line::INTEGER AS line, e.error_type::VARCHAR AS error_type, e.csv_line, e.error_message
     FROM csv_rejects e JOIN csv_reject_scans s USING (scan_id, file_id) ORDER BY e.line`,
  );
  await db.run(`DROP TABLE IF EXISTS csv_rejects; DROP TABLE IF EXISTS csv_reject_scans`);
  const out = new Map<string, ReaderReject[]>();
  for (const { path, ...r } of rows) out.set(path, [...(out.get(path) ?? []), r]);
  return out;
}

/**
 * How a file must be read again when a column shows the other style, or null when the default
 * reading holds: numbers as thousands and dates day first unless the whole column says otherwise.
 */
async function stylesOf(db: Warehouse, kind: ExportKind, fileId: number, delimiter: string, notes: string[]): Promise<ColumnStyles | null> {
  const bits = await db.one<{ style: bigint | number | null; ambiguous: bigint | number | null }>(
    `SELECT bit_or(_style)::VARCHAR AS style, bit_or(_ambiguous)::VARCHAR AS ambiguous FROM ${rawTable(kind)} WHERE _file_id = ${fileId} AND _label IS NULL`,
  );
  const style = BigInt(bits.style ?? 0);
  const ambiguous = BigInt(bits.ambiguous ?? 0);
  if (style === 0n && ambiguous === 0n) return null;
  const has = (mask: bigint, i: number, second: boolean) => (mask & (1n << BigInt(2 * i + (second ? 1 : 0)))) !== 0n;
  const styles = defaultStyles();
  let changed = false;
  styledColumns(kind).forEach((c, i) => {
    const first = has(style, i, false);
    const second = has(style, i, true);
    if (c.type === "date") {
      // Day above 12 in the first place proves day first; in the second place, month first.
      if (second && !first) {
        styles.monthFirst.add(c.key);
        notes.push(`cột «${c.header}» ghi ngày theo thứ tự tháng/ngày/năm (có ngày > 12 ở vị trí thứ hai, không ngày nào ở vị trí đầu): đọc theo thứ tự ấy`);
        changed = true;
      } else if (second && first && has(ambiguous, i, false)) {
        styles.refuseAmbiguous.add(c.key);
        changed = true;
      }
      return;
    }
    // Vietnamese evidence (1.234,5 · 1.234.567) in the first bit, English (1,234.5 · 12.5) in the second.
    const vn = first;
    const en = second;
    const dot = has(ambiguous, i, false);
    const comma = has(ambiguous, i, true);
    if ((dot || comma) && vn && en) {
      styles.refuseAmbiguous.add(c.key);
      changed = true;
    } else if (dot && en) {
      styles.dotDecimal.add(c.key);
      notes.push(`cột «${c.header}» viết số kiểu Anh (dấu chấm thập phân): giá trị như 1.234 đọc là 1,234`);
      changed = true;
    } else if (comma && (vn || (delimiter !== "," && !en))) {
      // A «;» or tab file comes from a Vietnamese-locale Excel, whose decimal mark is the comma.
      styles.commaDecimal.add(c.key);
      notes.push(`cột «${c.header}» viết số kiểu Việt Nam (dấu phẩy thập phân): giá trị như 1,234 đọc là 1,234 (một phẩy hai ba bốn)`);
      changed = true;
    }
  });
  return changed ? styles : null;
}

async function finishFile(
  db: Warehouse,
  kind: ExportKind,
  layout: CsvLayout,
  f: GroupFile,
  readerRejected: ReaderReject[],
  notes: string[],
  plan: ReadPlan,
  ctx: GroupContext,
): Promise<FileRead> {
  const table = rawTable(kind);
  const rows = `${table} WHERE _file_id = ${f.fileId}`;
  // Rows Excel left short (empty cells at the end) are rows: read them again, padded.
  const { refused, skipped: ctrlZ } = await readShortRows(db, plan, layout, f, readerRejected, ctx);
  // Row ids inside a transaction pass 2^53: they stay in SQL, only positions reach JavaScript.
  await db.run(`INSERT INTO file_base SELECT ${f.fileId}, coalesce(min(rowid) FILTER (WHERE _line IS NULL), min(rowid), 0) FROM ${rows}`);
  const kept = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${rows} AND _line IS NULL`);
  // The reader must account for every record the byte scan found; none at all is a silent failure.
  if (kept.n === 0 && readerRejected.length === 0 && f.scan.recordLines.length > 0) {
    throw new ReadFailed(new Error(`the reader returned no record of ${f.scan.recordLines.length}`));
  }
  const locator = LineLocator.of(f.scan, readerRejected.map((r) => r.line), kept.n, layout.lastHeaderLine);
  const lineOf = (r: { k: number; line: number | null }) => r.line ?? locator.line(r.k);
  const k = `(rowid - (SELECT base FROM file_base WHERE file_id = ${f.fileId}))::INTEGER`;

  const rejects: Reject[] = structural(refused, locator, layout, f.scan);
  const failed = await db.all<{ k: number; line: number | null; f: { header: string; value: string | null; reason: string }[] }>(
    `SELECT ${k} AS k, _line AS line, _fails AS f FROM ${rows} AND _label IS NULL AND _fails IS NOT NULL ORDER BY rowid`,
  );
  for (const row of failed) for (const x of row.f) rejects.push({ line: lineOf(row), ...x });
  // What rejected rows were about, so the good rows they were meant to replace are kept.
  await db.run(`INSERT INTO rejected_keys SELECT _file_id, ${scopeKey(kind)}, ${uniqueKey(kind)} FROM ${rows} AND _label IS NULL AND _fails IS NOT NULL`);

  const labelled = await db.all<{ k: number; line: number | null; label: string }>(`SELECT ${k} AS k, _line AS line, _label AS label FROM ${rows} AND _label IS NOT NULL ORDER BY rowid`);
  const listed = labelled.filter((r) => r.label !== "blank");
  for (let i = 0; i < listed.length; i += 1000) {
    await db.run(`INSERT INTO ingest_skipped VALUES ${listed.slice(i, i + 1000).map((r) => `(${f.fileId}, ${lineOf(r)}, ${lit(r.label)}, NULL)`).join(", ")}`);
  }
  const money = columnsOf(kind).filter((c) => c.type === "money" && (plan.positions.get(c.key) ?? -1) >= 0);
  if (money.length) {
    const totals = await db.all<Record<string, number | null> & { k: number; line: number | null }>(
      `SELECT ${k} AS k, _line AS line, ${money.map((c) => c.key).join(", ")} FROM ${rows} AND _label = 'total' ORDER BY rowid`,
    );
    const values = totals.flatMap((r) => money.filter((c) => r[c.key] !== null && r[c.key] !== undefined).map((c) => `(${f.fileId}, ${lineOf(r)}, ${lit(c.key)}, ${r[c.key]})`));
    if (values.length) await db.run(`INSERT INTO file_totals VALUES ${values.join(", ")}`);
  }
  const cleaned = await db.one<{ n: number }>(`SELECT coalesce(sum(_cleaned), 0)::INTEGER AS n FROM ${rows} AND _label IS NULL`);
  await db.run(`DELETE FROM ${rows} AND (_label IS NOT NULL OR _fails IS NOT NULL)`);
  const offDate = await rejectOtherDates(db, kind, f, lineOf, k);
  rejects.push(...offDate);
  await quarantine(db, f.fileId, rejects);
  if (cleaned.n > 0) notes.push(`đã bỏ ký tự ẩn, dấu ' hoặc dấu tab ở ${cleaned.n.toLocaleString("vi-VN")} ô mã`);
  const loaded = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${rows}`);
  const rejectedRows = new Set(rejects.map((r) => r.line)).size;
  if (!locator.exact) notes.push("số dòng đếm được khác số bản ghi DuckDB đọc; số dòng trong quarantine là ước lượng");
  return {
    rowsRead: loaded.n + rejectedRows,
    rowsLoaded: loaded.n,
    rowsRejected: rejectedRows,
    rowsSkipped: labelled.length + ctrlZ + layout.titleRows,
    cellsCleaned: cleaned.n,
    locator,
    notes,
  };
}

/** SQL of a row's scope cell (data date × PGD …) and unique key, as text; alias: the table's. */
const keyText = (keys: string[], alias?: string) => `concat_ws('|', ${keys.map((k) => `coalesce(${alias ? `${alias}.` : ""}${k}::VARCHAR, '')`).join(", ")})`;
export const scopeKey = (kind: ExportKind, alias?: string) => keyText(kind.scope, alias);
export const uniqueKey = (kind: ExportKind, alias?: string) => keyText(kind.uniqueKey, alias);

/**
 * Short rows (Excel writes no separators for empty cells at the end of a row) and rows whose extra
 * cells are all empty are read again, fitted to the header's width, through the same SQL; their
 * lines are kept in _line. Returns the reader's rejects that remain rows it could not read.
 */
async function readShortRows(
  db: Warehouse,
  plan: ReadPlan,
  layout: CsvLayout,
  f: GroupFile,
  rejected: ReaderReject[],
  ctx: GroupContext,
): Promise<{ refused: ReaderReject[]; skipped: number }> {
  const width = layout.headers.length;
  const lastRecord = f.scan.recordLines.length ? f.scan.readerLines[f.scan.readerLines.length - 1] : -1;
  const fixable: { reject: ReaderReject; cells: string[] }[] = [];
  const refused: ReaderReject[] = [];
  let skipped = 0;
  // DuckDB reports a short row once per missing cell: one row, once.
  const lines = new Set<number>();
  for (const r of rejected) {
    if (lines.has(r.line)) continue;
    lines.add(r.line);
    if (r.csv_line.replace(/[\u001a\s]/g, "") === "") {
      skipped++;
      continue;
    }
    const cells = splitCsvLine(r.csv_line, layout.delimiter);
    const cutShort = !f.scan.complete && r.line >= (lastRecord ?? -1);
    const fits = (r.error_type === "MISSING COLUMNS" && cells.length < width) || (r.error_type === "TOO MANY COLUMNS" && cells.slice(width).every((c) => c === ""));
    if (fits && !cutShort) fixable.push({ reject: r, cells: [...cells.slice(0, width), ...Array<string>(Math.max(0, width - cells.length)).fill("")] });
    else refused.push(r);
  }
  if (fixable.length === 0) return { refused, skipped };
  const path = join(ctx.tmpDir, `short-${f.fileId}.csv`);
  const quote = (c: string) => (/["\n\r]/.test(c) || c.includes(layout.delimiter) ? `"${c.replace(/"/g, '""')}"` : c);
  writeFileSync(path, fixable.map((x) => x.cells.map(quote).join(layout.delimiter)).join("\n") + "\n", { mode: 0o600 });
  const table = rawTable(plan.kind);
  await db.run(`CREATE OR REPLACE TEMP TABLE short_base AS SELECT coalesce(max(rowid), -1) + 1 AS base FROM ${table}`);
  await insert(db, { ...plan, files: [{ ...plan.files[0]!, path }] }, { ...layout, newline: "\n" }, f.scan.longestLine, 0);
  const physical = (readerLine: number) => {
    const i = f.scan.readerLines.indexOf(readerLine);
    return i >= 0 ? f.scan.recordLines[i]! : readerLine;
  };
  const located = fixable.map((x, i) => `(${i}, ${physical(x.reject.line)})`).join(", ");
  await db.run(`UPDATE ${table} SET _line = l.line FROM (VALUES ${located}) l(k, line)
    WHERE ${table}._file_id = ${f.fileId} AND ${table}.rowid - (SELECT base FROM short_base) = l.k`);
  return { refused, skipped };
}

/**
 * A file holds one data date: the one its name or title rows give, else the date most of its rows
 * carry. Rows with another date are rejected (a listing for 31/01 with rows for 28/02 is a wrong
 * export).
 */
async function rejectOtherDates(
  db: Warehouse,
  kind: ExportKind,
  f: GroupFile,
  lineOf: (r: { k: number; line: number | null }) => number,
  k: string,
): Promise<Reject[]> {
  if (!kind.dataDate) return [];
  const column = columnsOf(kind).find((c) => c.key === kind.dataDate)!;
  const rows = `${rawTable(kind)} WHERE _file_id = ${f.fileId}`;
  const [date, why] = f.fileDate
    ? [`DATE ${lit(f.fileDate)}`, f.dateFrom === "title" ? "theo dòng tiêu đề" : "theo tên tệp"]
    : [`(SELECT ${column.key} FROM ${rows} GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1)`, "ngày của phần lớn các dòng; một tệp chỉ mang một ngày số liệu"];
  const off = `${rows} AND ${column.key} <> ${date}`;
  const bad = await db.all<{ k: number; line: number | null; value: string; reason: string }>(
    `SELECT ${k} AS k, _line AS line, strftime(${column.key}, '%d/%m/%Y') AS value,
       printf('%s %s khác ngày số liệu của tệp %s (%s)', ${lit(column.header)}, strftime(${column.key}, '%d/%m/%Y'), strftime(${date}, '%d/%m/%Y'), ${lit(why)}) AS reason
     FROM ${off} ORDER BY rowid`,
  );
  if (bad.length === 0) return [];
  await db.run(`DELETE FROM ${off}`);
  return bad.map((r) => ({ line: lineOf(r), header: column.header, value: r.value, reason: r.reason }));
}

/** Rows the reader itself could not read: broken quoting, a file cut short, a line too long. */
function structural(rejected: ReaderReject[], locator: LineLocator, layout: CsvLayout, scan: CsvScan): Reject[] {
  const out: Reject[] = [];
  const seen = new Set<number>();
  const expected = layout.headers.length;
  for (const r of rejected) {
    if (seen.has(r.line)) continue;
    seen.add(r.line);
    const found = splitCsvLine(r.csv_line, layout.delimiter).length;
    const line = locator.physical(r.line);
    const reason =
      !scan.complete && line === scan.recordLines[scan.recordLines.length - 1]
        ? `tệp bị cắt cụt: tệp dừng giữa dòng này (dòng có ${found} cột, tiêu đề có ${expected} cột)`
        : r.error_type === "TOO MANY COLUMNS"
          ? `dòng có ${found} ô, tiêu đề có ${expected} cột: thừa dấu phân cách «${layout.delimiter === "\t" ? "tab" : layout.delimiter}» hoặc thiếu dấu ngoặc kép quanh một ô`
          : r.error_type === "UNQUOTED VALUE"
            ? "dấu ngoặc kép đặt sai: một ô mở ngoặc kép mà không đóng đúng chỗ"
            : r.error_type === "INVALID UNICODE" || r.error_type === "INVALID ENCODING"
              ? "dòng có byte không phải UTF-8: lưu lại tệp dưới dạng CSV UTF-8"
              : r.error_type === "LINE SIZE OVER MAXIMUM"
                ? "dòng quá dài, không đọc được"
                : `dòng không đọc được (${r.error_type.toLowerCase()})`;
    out.push({ line, header: null, value: r.csv_line.slice(0, 500), reason });
  }
  return out;
}

async function quarantine(db: Warehouse, fileId: number, rejects: Reject[]): Promise<void> {
  for (let i = 0; i < rejects.length; i += 1000) {
    const values = rejects
      .slice(i, i + 1000)
      .map((r) => `(${fileId}, ${r.line}, ${lit(r.header)}, ${lit(r.value === null ? null : String(r.value).slice(0, 500))}, ${lit(r.reason)})`);
    await db.run(`INSERT INTO quarantine VALUES ${values.join(", ")}`);
  }
}
