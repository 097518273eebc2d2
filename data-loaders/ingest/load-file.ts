// Loads one CSV export into its raw table, inside the caller's transaction. Plain core-system files
// take the fast path: DuckDB's reader parses numbers and dates straight into raw_<kind>, and the
// remaining checks run in SQL over the typed rows. Anything else (Vietnamese number formats, cells
// the reader cannot convert) takes the text path: every cell staged as VARCHAR and parsed in SQL.
// Either way, rejected rows land in the quarantine with file, line, column and reason.
import { columnsOf, type ExportKind } from "../contract/exports.js";
import type { Warehouse } from "../warehouse/connection.js";
import { rawTable } from "../warehouse/schema.js";
import { splitCsvLine, type CsvLayout } from "./csv-sniff.js";
import type { CsvScan } from "./csv-scan.js";
import { LineLocator } from "./line-locator.js";
import { anyFails, checks, failedChecks, rawName, readerType, valueExpressions, type ReadMode } from "./parse-sql.js";

export interface FileLoad {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Values of the kind's replaceBy columns found in the loaded rows, e.g. data dates. */
  dataKeys: string[];
  warnings: string[];
  /** Line of the k-th row this file put into raw_<kind> (k = rowid − the file's first rowid). */
  locator: LineLocator;
  mode: ReadMode;
}

interface Reject {
  line: number;
  header: string | null;
  value: string | null;
  reason: string;
}

interface PathResult {
  /** Records the reader saw: kept plus refused. */
  rowsRead: number;
  rowsRejected: number;
  locator: LineLocator;
  mode: ReadMode;
}

interface ReaderReject {
  line: number;
  column_name: string | null;
  error_type: string;
  csv_line: string;
  error_message: string;
}

const lit = (v: string | null) => (v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`);

export async function loadCsvFile(
  db: Warehouse,
  fileId: number,
  path: string,
  kind: ExportKind,
  layout: CsvLayout,
  scan: CsvScan,
): Promise<FileLoad> {
  const table = rawTable(kind);
  const typed = layout.dateFormat ? await loadTyped(db, fileId, path, kind, layout, scan, layout.dateFormat) : null;
  const result = typed ?? (await loadText(db, fileId, path, kind, layout, scan));
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
    rowsRejected: result.rowsRejected,
    dataKeys,
    warnings,
    locator: result.locator,
    mode: result.mode,
  };
}

function readCsv(path: string, layout: CsvLayout, types: string[], options: string): string {
  const columns = types.map((t, i) => `'c${i}': '${t}'`).join(", ");
  return `read_csv(${lit(path)}, columns = {${columns}}, header = false, skip = ${layout.headerLine},
    delim = ${lit(layout.delimiter)}, quote = '"', escape = '"', null_padding = true, auto_detect = false,
    store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans'${options})`;
}

async function readerRejects(db: Warehouse): Promise<ReaderReject[]> {
  const rows = await db.all<ReaderReject>(
    `SELECT line::INTEGER AS line, column_name, error_type::VARCHAR AS error_type, csv_line, error_message FROM csv_rejects ORDER BY line`,
  );
  await db.run(`DROP TABLE IF EXISTS csv_rejects; DROP TABLE IF EXISTS csv_reject_scans`);
  return rows;
}

/** Fast path. Returns null (and leaves nothing behind) when the reader met a cell it could not convert. */
async function loadTyped(
  db: Warehouse,
  fileId: number,
  path: string,
  kind: ExportKind,
  layout: CsvLayout,
  scan: CsvScan,
  dateFormat: string,
): Promise<PathResult | null> {
  const table = rawTable(kind);
  const contract = columnsOf(kind);
  const types = layout.headers.map((_, i) => {
    const c = contract.find((c) => layout.match.positions.get(c.key) === i);
    return c ? readerType[c.type] : "VARCHAR";
  });
  const keys = contract.map((c) => c.key);
  await db.run(`INSERT INTO ${table} (${keys.join(", ")}, _file_id)
    SELECT ${valueExpressions(kind, layout.match.positions, "typed").join(", ")}, ${fileId}
    FROM ${readCsv(path, layout, types, `, dateformat = ${lit(dateFormat)}`)}`);
  const rejected = await readerRejects(db);
  if (rejected.some((r) => r.error_type === "CAST")) {
    await db.run(`DELETE FROM ${table} WHERE _file_id = ${fileId}`);
    return null;
  }
  await db.run(`INSERT INTO file_base SELECT ${fileId}, min(rowid) FROM ${table} WHERE _file_id = ${fileId}`);
  const kept = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE _file_id = ${fileId}`);
  const locator = LineLocator.of(scan, [...new Set(rejected.map((r) => r.line))], kept.n, layout.headerLine);
  const rejects = structural(rejected, locator, layout);

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
  return { rowsRead: kept.n + refused, rowsRejected: refused + bad.length, locator, mode: "typed" };
}

/** Text path: every cell staged as VARCHAR, then parsed and checked in SQL. */
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
  await db.run(`CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM ${readCsv(path, layout, layout.headers.map(() => "VARCHAR"), "")}`);
  const rejected = await readerRejects(db);
  const staged = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM stage`);
  const all = LineLocator.of(scan, [...new Set(rejected.map((r) => r.line))], staged.n, layout.headerLine);
  const rejects = structural(rejected, all, layout);

  const rawColumns = contract.map((c) => {
    const pos = positions.get(c.key) ?? -1;
    return `${pos < 0 ? "NULL::VARCHAR" : `c${pos}`} AS ${rawName(c.key)}`;
  });
  const list = checks(kind, positions, "text");
  // rowid order is file order; inside a transaction rowids start at a large offset.
  await db.run(`CREATE OR REPLACE TEMP TABLE parsed AS
    SELECT * EXCLUDE (${contract.map((c) => rawName(c.key)).join(", ")}),
      CASE WHEN ${anyFails(list)} THEN ${failedChecks(list)} END AS _fails
    FROM (
      SELECT (rowid - (SELECT min(rowid) FROM stage))::INTEGER AS _rid, ${rawColumns.join(", ")},
        ${valueExpressions(kind, positions, "text").join(", ")}
      FROM stage)`);
  const bad = await db.all<{ k: number; f: { header: string; value: string | null; reason: string }[] }>(
    `SELECT _rid AS k, _fails AS f FROM parsed WHERE _fails IS NOT NULL ORDER BY _rid`,
  );
  for (const row of bad) for (const f of row.f) rejects.push({ line: all.line(row.k), ...f });
  const keys = contract.map((c) => c.key);
  await db.run(`INSERT INTO ${table} (${keys.join(", ")}, _file_id)
    SELECT ${keys.join(", ")}, ${fileId} FROM parsed WHERE _fails IS NULL ORDER BY _rid`);
  await db.run(`INSERT INTO file_base SELECT ${fileId}, min(rowid) FROM ${table} WHERE _file_id = ${fileId}`);
  await db.run(`DROP TABLE stage; DROP TABLE parsed`);
  await quarantine(db, fileId, rejects);
  const refused = new Set(rejected.map((r) => r.line)).size;
  return { rowsRead: staged.n + refused, rowsRejected: refused + bad.length, locator: all.without(bad.map((r) => r.k)), mode: "text" };
}

/** Rows the reader itself refused: wrong number of columns, broken quoting. */
function structural(rejected: ReaderReject[], locator: LineLocator, layout: CsvLayout): Reject[] {
  const out: Reject[] = [];
  const seen = new Set<number>();
  const expected = layout.headers.length;
  for (const r of rejected) {
    if (seen.has(r.line)) continue;
    seen.add(r.line);
    // DuckDB stops counting at the first extra column; count them all from the line itself.
    const found = splitCsvLine(r.csv_line, layout.delimiter).length;
    const reason =
      r.error_type === "TOO MANY COLUMNS" || r.error_type === "MISSING COLUMNS"
        ? `dòng có ${found} cột, tiêu đề có ${expected} cột (thừa dấu phân cách hoặc thiếu dấu ngoặc kép)`
        : `dòng không đọc được: ${r.error_message.split("\n")[0]}`;
    out.push({ line: locator.physical(r.line), header: null, value: r.csv_line.slice(0, 500), reason });
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
