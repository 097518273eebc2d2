// Loads one CSV export into its raw table, inside the caller's transaction. Plain core-system files
// take the fast path: DuckDB's reader parses numbers and dates straight into raw_<kind>, and the
// remaining checks run in SQL over the typed rows. Anything else (Vietnamese number formats, cells
// the reader cannot convert) takes the text path: every cell staged as VARCHAR and parsed in SQL.
// The text path also sets totals rows ("Tổng cộng") apart. Either way, rows whose data date is not
// the file's are rejected, and rejected rows land in the quarantine with file, line, column and
// reason.
import { duckdbType } from "../contract/columns.js";
import { columnsOf, type ExportKind } from "../contract/exports.js";
import type { Warehouse } from "../warehouse/connection.js";
import { rawTable } from "../warehouse/schema.js";
import { splitCsvLine, type CsvLayout } from "./csv-sniff.js";
import type { CsvScan } from "./csv-scan.js";
import { LineLocator } from "./line-locator.js";
import { anyFails, checks, failedChecks, rawName, totalsLabel, valueExpressions } from "./parse-sql.js";

export interface FileLoad {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Values of the kind's replaceBy columns found in the loaded rows, e.g. data dates. */
  dataKeys: string[];
  warnings: string[];
  /** Line of the k-th row this file put into raw_<kind> (k = rowid − the file's first rowid). */
  locator: LineLocator;
}

interface Reject {
  line: number;
  header: string | null;
  value: string | null;
  reason: string;
}

interface PathResult {
  /** Records the reader saw, kept plus refused, less totals rows. */
  rowsRead: number;
  rowsRejected: number;
  locator: LineLocator;
}

export interface ReaderReject {
  line: number;
  column_name: string | null;
  error_type: string;
  csv_line: string;
  error_message: string;
}

const lit = (v: string | null) => (v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`);

/**
 * fileDate: the data date the file's name gives (ISO), if any. read: what readTypedGroup gave this
 * file (its rows are then in the raw table already), or null: the file is staged as text and parsed
 * in SQL.
 */
export async function loadCsvFile(
  db: Warehouse,
  fileId: number,
  path: string,
  kind: ExportKind,
  layout: CsvLayout,
  scan: CsvScan,
  fileDate: string | null,
  read: ReaderReject[] | null,
): Promise<FileLoad> {
  const table = rawTable(kind);
  const typed = read ? await loadTyped(db, fileId, kind, layout, scan, read) : null;
  const result = typed ?? (await loadText(db, fileId, path, kind, layout, scan));
  const offDate = await rejectOtherDates(db, fileId, kind, result.locator, fileDate);
  const loaded = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE _file_id = ${fileId}`);
  const dataKeys = kind.replaceBy.length
    ? (
        await db.all<{ k: string }>(
          `SELECT DISTINCT concat_ws('|', ${kind.replaceBy.map((k) => `${k}::VARCHAR`).join(", ")}) AS k FROM ${table} WHERE _file_id = ${fileId} ORDER BY 1`,
        )
      ).map((r) => r.k)
    : [];
  const warnings = result.locator.exact ? [] : ["số dòng đếm được khác số bản ghi DuckDB đọc; số dòng trong quarantine là ước lượng"];
  return {
    rowsRead: result.rowsRead,
    rowsLoaded: loaded.n,
    rowsRejected: result.rowsRejected + offDate,
    dataKeys,
    warnings,
    locator: result.locator,
  };
}

/**
 * A file holds one data date: the one its name gives, else the date most of its rows carry. Rows
 * with another date are rejected (a listing for 31/01 with rows for 28/02 is a wrong export).
 */
async function rejectOtherDates(db: Warehouse, fileId: number, kind: ExportKind, locator: LineLocator, fileDate: string | null): Promise<number> {
  if (!kind.dataDate) return 0;
  const column = columnsOf(kind).find((c) => c.key === kind.dataDate)!;
  const rows = `${rawTable(kind)} WHERE _file_id = ${fileId}`;
  const [date, why] = fileDate
    ? [`DATE ${lit(fileDate)}`, "theo tên tệp"]
    : [`(SELECT ${column.key} FROM ${rows} GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1)`, "ngày của phần lớn các dòng; một tệp chỉ mang một ngày số liệu"];
  const off = `${rows} AND ${column.key} <> ${date}`;
  const bad = await db.all<{ k: number; value: string; reason: string }>(
    `SELECT (rowid - (SELECT base FROM file_base WHERE file_id = ${fileId}))::INTEGER AS k, strftime(${column.key}, '%d/%m/%Y') AS value,
       printf('%s %s khác ngày số liệu của tệp %s (%s)', ${lit(column.header)}, strftime(${column.key}, '%d/%m/%Y'), strftime(${date}, '%d/%m/%Y'), ${lit(why)}) AS reason
     FROM ${off} ORDER BY k`,
  );
  if (bad.length === 0) return 0;
  await quarantine(db, fileId, bad.map((r) => ({ line: locator.line(r.k), header: column.header, value: r.value, reason: r.reason })));
  await db.run(`DELETE FROM ${off}`);
  return bad.length;
}

function readCsv(paths: string[], layout: CsvLayout, types: string[], options: string): string {
  const columns = types.map((t, i) => `'c${i}': '${t}'`).join(", ");
  return `read_csv([${paths.map(lit).join(", ")}], columns = {${columns}}, header = false, skip = ${layout.headerLine},
    delim = ${lit(layout.delimiter)}, quote = '"', escape = '"', null_padding = false, auto_detect = false,
    store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans'${options})`;
}

/** The reader's rejects of the last read, by the file they came from. */
async function readerRejects(db: Warehouse): Promise<Map<string, ReaderReject[]>> {
  const rows = await db.all<ReaderReject & { path: string }>(
    `SELECT s.file_path AS path, e.line::INTEGER AS line, e.column_name, e.error_type::VARCHAR AS error_type, e.csv_line, e.error_message
     FROM csv_rejects e JOIN csv_reject_scans s USING (scan_id, file_id) ORDER BY e.line`,
  );
  await db.run(`DROP TABLE IF EXISTS csv_rejects; DROP TABLE IF EXISTS csv_reject_scans`);
  const out = new Map<string, ReaderReject[]>();
  for (const { path, ...r } of rows) out.set(path, [...(out.get(path) ?? []), r]);
  return out;
}

/** Plain numbers and one date format throughout: DuckDB's reader can type the file itself. */
export const typedReadable = (layout: CsvLayout) => layout.dateFormat !== null;

/** Files a group read may take together: the same kind, layout and formats. */
export const readGroupKey = (kind: ExportKind, layout: CsvLayout) =>
  JSON.stringify([kind.kind, layout.delimiter, layout.headerLine, layout.headers, layout.dateFormat]);

/**
 * Fast path, first step: reads files of one kind and layout into the raw table with one read_csv,
 * typed by DuckDB's reader. One statement for all of them reads them in parallel, and only a
 * transaction's first append to a table is written straight to disk: appending file after file
 * wrote the data a second time at commit (half the load's time on the demo province).
 * Returns each file's reader rejects.
 */
export async function readTypedGroup(db: Warehouse, kind: ExportKind, layout: CsvLayout, files: { fileId: number; path: string }[]): Promise<Map<number, ReaderReject[]>> {
  const contract = columnsOf(kind);
  const types = layout.headers.map((_, i) => {
    const c = contract.find((c) => layout.match.positions.get(c.key) === i);
    return c ? duckdbType[c.type] : "VARCHAR";
  });
  const fileIds = files.length === 1 ? String(files[0]!.fileId) : `CASE filename ${files.map((f) => `WHEN ${lit(f.path)} THEN ${f.fileId}`).join(" ")} END`;
  await db.run(`INSERT INTO ${rawTable(kind)} (${contract.map((c) => c.key).join(", ")}, _file_id)
    SELECT ${valueExpressions(kind, layout.match.positions, "typed").join(", ")}, ${fileIds}
    FROM ${readCsv(files.map((f) => f.path), layout, types, `, dateformat = ${lit(layout.dateFormat!)}, filename = true`)}`);
  const rejects = await readerRejects(db);
  return new Map(files.map((f) => [f.fileId, rejects.get(f.path) ?? []]));
}

/**
 * Fast path, second step, for one file whose rows readTypedGroup put in the raw table. Returns null
 * (and takes its rows out again) when the reader met a cell it could not convert.
 */
async function loadTyped(
  db: Warehouse,
  fileId: number,
  kind: ExportKind,
  layout: CsvLayout,
  scan: CsvScan,
  rejected: ReaderReject[],
): Promise<PathResult | null> {
  const table = rawTable(kind);
  if (rejected.some((r) => r.error_type === "CAST")) {
    await db.run(`DELETE FROM ${table} WHERE _file_id = ${fileId}`);
    return null;
  }
  await db.run(`INSERT INTO file_base SELECT ${fileId}, min(rowid) FROM ${table} WHERE _file_id = ${fileId}`);
  const kept = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE _file_id = ${fileId}`);
  const locator = LineLocator.of(scan, [...new Set(rejected.map((r) => r.line))], kept.n, layout.headerLine);
  const rejects = structural(rejected, locator, layout, scan);

  // The checks the reader does not make, over the typed rows this file just added.
  const list = checks(kind, layout.match.positions, "typed");
  const fileRows = `${table} WHERE _file_id = ${fileId}`;
  const bad = await db.all<{ k: number; f: { header: string; value: string | null; reason: string }[] }>(
    `SELECT (rowid - (SELECT base FROM file_base WHERE file_id = ${fileId}))::INTEGER AS k, ${failedChecks(list)} AS f
     FROM ${fileRows} AND (${anyFails(list)})`,
  );
  if (bad.length > 0) await db.run(`DELETE FROM ${fileRows} AND (${anyFails(list)})`);
  for (const row of bad) for (const f of row.f) rejects.push({ line: locator.line(row.k), ...f });
  await quarantine(db, fileId, rejects);
  const refused = new Set(rejected.map((r) => r.line)).size;
  return { rowsRead: kept.n + refused, rowsRejected: refused + bad.length, locator };
}

/** Text path: every cell staged as VARCHAR, then parsed and checked in SQL; totals rows set apart. */
async function loadText(
  db: Warehouse,
  fileId: number,
  path: string,
  kind: ExportKind,
  layout: CsvLayout,
  scan: CsvScan,
): Promise<PathResult> {
  const table = rawTable(kind);
  const contract = columnsOf(kind);
  const positions = layout.match.positions;
  await db.run(`CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM ${readCsv([path], layout, layout.headers.map(() => "VARCHAR"), "")}`);
  const rejected = [...(await readerRejects(db)).values()].flat();
  const staged = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM stage`);
  const all = LineLocator.of(scan, [...new Set(rejected.map((r) => r.line))], staged.n, layout.headerLine);
  const rejects = structural(rejected, all, layout, scan);

  const rawColumns = contract.map((c) => {
    const pos = positions.get(c.key) ?? -1;
    return `${pos < 0 ? "NULL::VARCHAR" : `c${pos}`} AS ${rawName(c.key)}`;
  });
  const list = checks(kind, positions, "text");
  // rowid order is file order; inside a transaction rowids start at a large offset.
  await db.run(`CREATE OR REPLACE TEMP TABLE parsed AS
    SELECT * EXCLUDE (${contract.map((c) => rawName(c.key)).join(", ")}),
      CASE WHEN _total IS NULL AND (${anyFails(list)}) THEN ${failedChecks(list)} END AS _fails
    FROM (
      SELECT (rowid - (SELECT min(rowid) FROM stage))::INTEGER AS _rid, ${rawColumns.join(", ")},
        ${valueExpressions(kind, positions, "text").join(", ")},
        ${totalsLabel(layout.headers.map((_, i) => `c${i}`))} AS _total
      FROM stage)`);
  const bad = await db.all<{ k: number; f: { header: string; value: string | null; reason: string }[] }>(
    `SELECT _rid AS k, _fails AS f FROM parsed WHERE _fails IS NOT NULL ORDER BY _rid`,
  );
  for (const row of bad) for (const f of row.f) rejects.push({ line: all.line(row.k), ...f });
  const totals = await db.all<{ k: number; grand: boolean }>(`SELECT _rid AS k, _total = 'grand' AS grand FROM parsed WHERE _total IS NOT NULL ORDER BY _rid`);
  await keepTotals(db, fileId, kind, positions, totals.filter((t) => t.grand).map((t) => t.k), all);
  const keys = contract.map((c) => c.key);
  await db.run(`INSERT INTO ${table} (${keys.join(", ")}, _file_id)
    SELECT ${keys.join(", ")}, ${fileId} FROM parsed WHERE _fails IS NULL AND _total IS NULL ORDER BY _rid`);
  await db.run(`INSERT INTO file_base SELECT ${fileId}, min(rowid) FROM ${table} WHERE _file_id = ${fileId}`);
  await db.run(`DROP TABLE stage; DROP TABLE parsed`);
  await quarantine(db, fileId, rejects);
  const refused = new Set(rejected.map((r) => r.line)).size;
  return {
    rowsRead: staged.n + refused - totals.length,
    rowsRejected: refused + bad.length,
    locator: all.without([...bad.map((r) => r.k), ...totals.map((t) => t.k)]),
  };
}

/** The amounts of grand-total rows, to be compared with the loaded rows once all are checked. */
async function keepTotals(db: Warehouse, fileId: number, kind: ExportKind, positions: Map<string, number>, rids: number[], all: LineLocator) {
  const money = columnsOf(kind).filter((c) => c.type === "money" && (positions.get(c.key) ?? -1) >= 0);
  if (rids.length === 0 || money.length === 0) return;
  const rows = await db.all<Record<string, number | null> & { k: number }>(
    `SELECT _rid AS k, ${money.map((c) => c.key).join(", ")} FROM parsed WHERE _rid IN (${rids.join(", ")})`,
  );
  const values = rows.flatMap((r) => money.filter((c) => r[c.key] !== null).map((c) => `(${fileId}, ${all.line(r.k)}, ${lit(c.key)}, ${r[c.key]})`));
  if (values.length) await db.run(`INSERT INTO file_totals VALUES ${values.join(", ")}`);
}

/** Rows the reader itself refused: wrong number of columns, broken quoting, a file cut short. */
function structural(rejected: ReaderReject[], locator: LineLocator, layout: CsvLayout, scan: CsvScan): Reject[] {
  const out: Reject[] = [];
  const seen = new Set<number>();
  const expected = layout.headers.length;
  for (const r of rejected) {
    if (seen.has(r.line)) continue;
    seen.add(r.line);
    // DuckDB stops counting at the first extra column; count them all from the line itself.
    const found = splitCsvLine(r.csv_line, layout.delimiter).length;
    const line = locator.physical(r.line);
    const reason =
      !scan.complete && line === scan.recordLines[scan.recordLines.length - 1]
        ? `tệp bị cắt cụt: tệp dừng giữa dòng này (dòng có ${found} cột, tiêu đề có ${expected} cột)`
        : r.error_type === "TOO MANY COLUMNS" || r.error_type === "MISSING COLUMNS"
          ? `dòng có ${found} cột, tiêu đề có ${expected} cột (thừa dấu phân cách hoặc thiếu dấu ngoặc kép)`
          : `dòng không đọc được: ${r.error_message.split("\n")[0]}`;
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
