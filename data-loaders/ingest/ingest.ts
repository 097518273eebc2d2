// Loads a folder of ledger exports (CSV, Excel) into the warehouse in one transaction, then rebuilds
// the models.
// Files already loaded (same SHA-256) are skipped; rows of a data date (or year, campaign) that a
// new file carries replace the earlier rows with that key; a failure rolls everything back.
import { mkdirSync, rmSync } from "node:fs";
import { basename } from "node:path";
import { columnsOf, exportKinds, kindByName, type ExportKind } from "../contract/exports.js";
import { modelsFingerprint, readModels, runModels, scopeOfChanges, type BuildScope } from "../models/runner.js";
import { explainDamage, Warehouse } from "../warehouse/connection.js";
import { ensureSchema, loadReferenceData, rawTable, readSettings } from "../warehouse/schema.js";
import type { CsvLayout } from "./csv-sniff.js";
import type { CsvScan } from "./csv-scan.js";
import type { LineLocator } from "./line-locator.js";
import { loadCsvFile, readGroupKey, readTypedGroup, typedReadable, type ReaderReject } from "./load-file.js";
import { parseMacros } from "./parse-sql.js";
import { dateInName } from "./file-name.js";
import { exportFiles, sourcesOf, type Source } from "./sources.js";

export type FileStatus = "loaded" | "unchanged" | "duplicate" | "unusable" | "ignored";

export interface FileReport {
  /** The file name; for a workbook, the file and the sheet ("BC31.xlsx › HSTD"). */
  name: string;
  kind?: string;
  status: FileStatus;
  /** How it was read: "UTF-8", "Windows-1258", "Excel" … */
  encoding?: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  dataKeys: string[];
  message?: string;
  /** The first rejected rows, as the command shows them. */
  examples?: string[];
}

export interface IngestReport {
  runId: number;
  files: FileReport[];
  /** Rows of earlier loads were replaced (a data date, year or campaign loaded again). */
  replacedRows: boolean;
  modelsRebuilt: boolean;
  seconds: number;
  /** Of which the SQL models took. */
  modelSeconds: number;
}

export interface IngestOptions {
  exportsDir: string;
  warehouse: string;
  log?: (message: string) => void;
  /**
   * Rebuild the SQL models after loading (default). Without, the files are loaded and checked only
   * (several batches of files, modelled once later); the next load with models rebuilds them all.
   */
  models?: boolean;
}

interface LoadedFile {
  report: FileReport;
  locator: LineLocator;
}

/** A new file to load, once looked at. */
interface Pending {
  slot: number;
  source: Source & { csvPath: string; layout: CsvLayout; scan: CsvScan };
  kind: ExportKind;
  fileId: number;
  prefix: string;
}

export async function ingestFolder({ exportsDir, warehouse, log = () => {}, models = true }: IngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const paths = exportFiles(exportsDir);
  const settings = readSettings();
  // Opening takes DuckDB's write lock: a second load is refused before it reads anything.
  const db = await Warehouse.open(warehouse);
  // Conversions hold personal data: they live beside the warehouse, only while the load runs.
  const tmpDir = `${warehouse}.ingest-tmp`;
  try {
    rmSync(tmpDir, { recursive: true, force: true });
    mkdirSync(tmpDir, { mode: 0o700 });
    await ensureSchema(db);
    // A checkpoint vacuums: it merges the row groups earlier loads left part-filled, seconds of
    // work on a province. Worth it when rows were deleted (a month loaded again), not to add one.
    await db.run("SET max_vacuum_tasks = 0");
    await db.run("BEGIN TRANSACTION");
    try {
      await loadReferenceData(db, settings);
      for (const macro of parseMacros) await db.run(macro);
      const report = await loadAll(db, exportsDir, paths, tmpDir, log);
      const modelsStarted = Date.now();
      if (models) report.modelsRebuilt = await refreshModels(db, report, settings, log);
      else if (report.files.some((f) => f.status === "loaded")) await db.run(`DELETE FROM meta WHERE key = 'models_fingerprint'`);
      report.modelSeconds = (Date.now() - modelsStarted) / 1000;
      await db.run(`UPDATE ingest_runs SET finished_at = now()::TIMESTAMP WHERE run_id = ${report.runId}`);
      if (report.replacedRows) await db.run("RESET max_vacuum_tasks");
      await db.run("COMMIT");
      await db.run("CHECKPOINT");
      report.seconds = (Date.now() - started) / 1000;
      return report;
    } catch (e) {
      await db.run("ROLLBACK").catch(() => {});
      throw e;
    }
  } catch (e) {
    throw explainDamage(warehouse, e);
  } finally {
    db.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

async function loadAll(db: Warehouse, exportsDir: string, paths: string[], tmpDir: string, log: (m: string) => void): Promise<IngestReport> {
  const runId = (await db.one<{ id: number }>(`SELECT (coalesce(max(run_id), 0) + 1)::INTEGER AS id FROM ingest_runs`)).id;
  await db.run(`INSERT INTO ingest_runs (run_id, started_at, exports_dir) VALUES (${runId}, now()::TIMESTAMP, ${lit(exportsDir)})`);
  let nextFileId = (await db.one<{ id: number }>(`SELECT (coalesce(max(file_id), 0) + 1)::INTEGER AS id FROM ingest_files`)).id;
  const known = new Set(
    (await db.all<{ sha256: string }>(`SELECT sha256 FROM ingest_files WHERE status = 'loaded' AND sha256 IS NOT NULL`)).map((r) => r.sha256),
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE file_base (file_id INTEGER, base BIGINT)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE file_totals (file_id INTEGER, line INTEGER, key VARCHAR, value BIGINT)`);
  const seen = new Map<string, string>();
  const files: FileReport[] = [];
  const loaded = new Map<number, LoadedFile>();
  const pending: Pending[] = [];

  // First every file is looked at: what it is, whether it is usable, new, or loaded before.
  for (const [i, path] of paths.entries()) {
    for (const c of await sourcesOf(path, tmpDir, `f${i + 1}`)) {
      const prefix = `[${i + 1}/${paths.length}] ${c.name}`;
      const kind = c.layout?.match.kind;
      const empty = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, dataKeys: [] as string[] };
      if (c.ignored) {
        files.push({ name: c.name, status: "ignored", ...empty, message: c.problem });
        log(`${prefix}: bỏ qua – ${c.problem}`);
        continue;
      }
      if (c.problem || !c.layout || !c.scan || !c.csvPath || !c.sha256 || !kind) {
        files.push({ name: c.name, status: "unusable", ...empty, message: c.problem });
        await registerFile(db, nextFileId++, runId, c, undefined, "unusable", empty, c.problem);
        log(`${prefix}: KHÔNG DÙNG ĐƯỢC – ${c.problem}`);
        continue;
      }
      const sha = c.sha256;
      if (known.has(sha)) {
        files.push({ name: c.name, kind: kind.kind, status: "unchanged", ...empty });
        log(`${prefix}: đã nạp trước đây, bỏ qua`);
        continue;
      }
      if (seen.has(sha)) {
        const message = `trùng nội dung với tệp ${seen.get(sha)}`;
        files.push({ name: c.name, kind: kind.kind, status: "duplicate", ...empty, message });
        log(`${prefix}: ${message}, bỏ qua`);
        continue;
      }
      seen.set(sha, c.name);
      // A place in the report, kept in the order of the folder.
      files.push({ name: c.name, kind: kind.kind, status: "loaded", ...empty });
      pending.push({ slot: files.length - 1, source: c as Pending["source"], kind, fileId: nextFileId++, prefix });
    }
  }

  // Then the new files are read: those DuckDB's reader can type itself, a kind and layout at a time
  // with one read (readTypedGroup); the others one by one.
  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const key = typedReadable(p.source.layout) ? readGroupKey(p.kind, p.source.layout) : `${p.fileId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    let read: Map<number, ReaderReject[]> | null = null;
    if (typedReadable(first.source.layout)) {
      if (group.length > 1) log(`Đọc ${group.length} tệp ${first.kind.title} cùng lúc…`);
      read = await readTypedGroup(db, first.kind, first.source.layout, group.map((p) => ({ fileId: p.fileId, path: p.source.csvPath })));
    }
    for (const p of group) {
      const { source: c, kind, fileId } = p;
      const fileStarted = Date.now();
      const result = await loadCsvFile(db, fileId, c.csvPath, kind, c.layout, c.scan, dateInName(basename(c.path)), read?.get(fileId) ?? null);
      const { rowsRead, rowsLoaded, rowsRejected, dataKeys, warnings } = result;
      const report: FileReport = { name: c.name, kind: kind.kind, status: "loaded", encoding: c.encoding, rowsRead, rowsLoaded, rowsRejected, dataKeys };
      if (warnings.length) report.message = warnings.join("; ");
      files[p.slot] = report;
      loaded.set(fileId, { report, locator: result.locator });
      await registerFile(db, fileId, runId, c, kind, "loaded", result, report.message);
      log(
        `${p.prefix}: ${kind.title}${c.encoding === "UTF-8" ? "" : ` (${c.encoding})`} – đọc ${fmt(result.rowsRead)}, ` +
          `nạp ${fmt(result.rowsLoaded)}, loại ${fmt(result.rowsRejected)} dòng (${((Date.now() - fileStarted) / 1000).toFixed(1)} s)`,
      );
    }
  }

  let replaced = false;
  for (const kind of exportKinds) {
    const ids = [...loaded.entries()].filter(([, f]) => f.report.kind === kind.kind).map(([id]) => id);
    if (ids.length === 0) continue;
    await rejectDuplicates(db, kind, ids, loaded);
    replaced = (await replaceEarlierRows(db, kind, ids, loaded)) || replaced;
  }
  for (const [id, { report: r }] of loaded) {
    if (r.rowsRead !== r.rowsLoaded + r.rowsRejected) {
      throw new Error(`control total failed for ${r.name}: read ${r.rowsRead} ≠ loaded ${r.rowsLoaded} + rejected ${r.rowsRejected}`);
    }
    const totals = await checkTotals(db, id, kindByName(r.kind!));
    if (totals) r.message = [r.message, totals.message].filter(Boolean).join("; ");
    if (r.rowsRejected > 0) r.examples = await firstRejections(db, id);
    await db.run(`UPDATE ingest_files SET rows_loaded = ${r.rowsLoaded}, rows_rejected = ${r.rowsRejected},
      totals_match = ${totals ? totals.match : "NULL"}, message = ${lit(r.message ?? null)} WHERE file_id = ${id}`);
  }
  const count = (s: FileStatus) => files.filter((f) => f.status === s).length;
  await db.run(`UPDATE ingest_runs SET files_seen = ${files.length}, files_loaded = ${count("loaded")},
    files_unchanged = ${count("unchanged") + count("duplicate")}, files_unusable = ${count("unusable")} WHERE run_id = ${runId}`);
  return { runId, files, replacedRows: replaced, modelsRebuilt: false, seconds: 0, modelSeconds: 0 };
}

/** Rows sharing a unique key (a loan twice in one data date) are all rejected: which one is right is unknown. */
async function rejectDuplicates(db: Warehouse, kind: ExportKind, ids: number[], loaded: Map<number, LoadedFile>): Promise<void> {
  const keys = kind.uniqueKey;
  const headers = columnsOf(kind).filter((c) => keys.includes(c.key)).map((c) => c.header).join(" + ");
  const table = rawTable(kind);
  const inRun = `_file_id IN (${ids.join(", ")})`;
  const sameKey = keys.map((k) => `d.${k} IS NOT DISTINCT FROM t.${k}`).join(" AND ");
  // A hash aggregate finds the (rare) repeated keys; only their rows are looked at in detail.
  await db.run(`CREATE OR REPLACE TEMP TABLE dup_keys AS
    SELECT ${keys.join(", ")} FROM ${table} WHERE ${inRun} GROUP BY ALL HAVING count(*) > 1`);
  if ((await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dup_keys`)).n === 0) return;
  const rows = await db.all<{ file_id: number; k: number; key: string }>(`
    SELECT t._file_id AS file_id, (t.rowid - b.base)::INTEGER AS k, concat_ws(' | ', ${keys.map((k) => `t.${k}::VARCHAR`).join(", ")}) AS key
    FROM ${table} t JOIN file_base b ON b.file_id = t._file_id
    WHERE t.${inRun} AND EXISTS (SELECT 1 FROM dup_keys d WHERE ${sameKey})
    ORDER BY t._file_id, k`);
  const places = new Map<string, string[]>();
  const where = (r: { file_id: number; k: number }) => `${loaded.get(r.file_id)!.report.name} dòng ${loaded.get(r.file_id)!.locator.line(r.k)}`;
  for (const r of rows) places.set(r.key, [...(places.get(r.key) ?? []), where(r)]);
  const entries = rows.map((r) => `(${r.file_id}, ${loaded.get(r.file_id)!.locator.line(r.k)}, ${lit(headers)}, ${lit(r.key)},
    ${lit(`trùng khóa ${headers}: ${places.get(r.key)!.join(", ")}`)})`);
  for (let i = 0; i < entries.length; i += 1000) await db.run(`INSERT INTO quarantine VALUES ${entries.slice(i, i + 1000).join(", ")}`);
  await db.run(`DELETE FROM ${table} t WHERE ${inRun} AND EXISTS (SELECT 1 FROM dup_keys d WHERE ${sameKey})`);
  for (const r of rows) {
    const report = loaded.get(r.file_id)!.report;
    report.rowsLoaded--;
    report.rowsRejected++;
  }
}

async function firstRejections(db: Warehouse, fileId: number): Promise<string[]> {
  const rows = await db.all<{ line: number; column_header: string | null; reason: string }>(
    `SELECT line, column_header, reason FROM quarantine WHERE file_id = ${fileId} ORDER BY line, column_header LIMIT 3`,
  );
  return rows.map((q) => `dòng ${q.line}${q.column_header ? `, cột «${q.column_header}»` : ""}: ${q.reason}`);
}

/**
 * A file's grand-total rows against the sum of the rows loaded from it, column by column: they
 * match, or the file is flagged with the differences (rejected rows are a usual cause).
 */
async function checkTotals(db: Warehouse, fileId: number, kind: ExportKind): Promise<{ match: boolean; message: string } | null> {
  const totals = await db.all<{ line: number; key: string; value: number }>(`SELECT line, key, value FROM file_totals WHERE file_id = ${fileId} ORDER BY line, key`);
  if (totals.length === 0) return null;
  const keys = [...new Set(totals.map((t) => t.key))];
  const sums = await db.one<Record<string, number | null>>(
    `SELECT ${keys.map((k) => `coalesce(sum(${k}), 0)::BIGINT AS ${k}`).join(", ")} FROM ${rawTable(kind)} WHERE _file_id = ${fileId}`,
  );
  const header = (key: string) => columnsOf(kind).find((c) => c.key === key)!.header;
  const lines = [...new Set(totals.map((t) => t.line))].join(", ");
  const off = totals.filter((t) => t.value !== sums[t.key]);
  if (off.length === 0) return { match: true, message: `dòng tổng cộng (dòng ${lines}) khớp với các dòng đã nạp` };
  const diffs = off.map((t) => `«${header(t.key)}» ghi ${fmt(t.value)}, các dòng đã nạp cộng lại ${fmt(sums[t.key]!)} (chênh ${fmt(t.value - sums[t.key]!)})`);
  return { match: false, message: `dòng tổng cộng (dòng ${lines}) KHÔNG KHỚP: ${diffs.join("; ")}` };
}

/**
 * Rows from earlier loads with a key this load brings (a data date, year, campaign) are replaced.
 * Returns whether any were.
 */
async function replaceEarlierRows(db: Warehouse, kind: ExportKind, ids: number[], loaded: Map<number, LoadedFile>): Promise<boolean> {
  const table = rawTable(kind);
  const mine = `_file_id NOT IN (${ids.join(", ")})`;
  // One key column is compared as itself, so DuckDB skips the row groups of other dates.
  const keyExpr = kind.replaceBy.length === 1 ? kind.replaceBy[0]! : `concat_ws('|', ${kind.replaceBy.map((k) => `${k}::VARCHAR`).join(", ")})`;
  const newKeys = [...new Set(ids.flatMap((id) => loaded.get(id)!.report.dataKeys))];
  const where = kind.replaceBy.length === 0 ? mine : newKeys.length ? `${mine} AND ${keyExpr} IN (${newKeys.map(lit).join(", ")})` : "false";
  if ((await db.run(`DELETE FROM ${table} WHERE ${where}`)) === 0) return false;
  // Earlier files with no rows left are superseded; their rejections no longer describe the data.
  const gone = `kind = ${lit(kind.kind)} AND status = 'loaded' AND file_id NOT IN (${ids.join(", ")})
    AND file_id NOT IN (SELECT DISTINCT _file_id FROM ${table})`;
  await db.run(`DELETE FROM quarantine WHERE file_id IN (SELECT file_id FROM ingest_files WHERE ${gone})`);
  await db.run(`UPDATE ingest_files SET status = 'superseded' WHERE ${gone}`);
  return true;
}

async function registerFile(
  db: Warehouse,
  fileId: number,
  runId: number,
  c: Source,
  kind: ExportKind | undefined,
  status: string,
  counts: { rowsRead: number; rowsLoaded: number; rowsRejected: number; dataKeys: string[] },
  message: string | undefined,
): Promise<void> {
  await db.run(`INSERT INTO ingest_files (file_id, run_id, file_name, sha256, bytes, kind, data_keys, rows_read, rows_loaded,
    rows_rejected, status, message, loaded_at) VALUES (${fileId}, ${runId}, ${lit(c.name)}, ${lit(c.sha256 ?? null)},
    ${c.bytes}, ${lit(kind?.kind ?? null)}, ${lit(counts.dataKeys.join(",") || null)},
    ${counts.rowsRead}, ${counts.rowsLoaded}, ${counts.rowsRejected}, ${lit(status)}, ${lit(message ?? null)}, now()::TIMESTAMP)`);
}

async function refreshModels(
  db: Warehouse,
  report: IngestReport,
  settings: object,
  log: (m: string) => void,
): Promise<boolean> {
  const models = readModels();
  const fingerprint = modelsFingerprint(models, settings);
  const previous = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'models_fingerprint'`);
  // An unusable file changes no month, but the data page's reports must list it.
  const dataChanged = report.files.some((f) => f.status === "loaded" || f.status === "unusable");
  const marts = models.filter((m) => m.layer === "marts").map((m) => lit(m.name));
  const present = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN (${marts.join(", ")})`);
  const missing = present.n < marts.length;
  const modelsChanged = previous[0]?.value !== fingerprint;
  if (!dataChanged && !missing && !modelsChanged) {
    log("Mô hình SQL: không có gì thay đổi.");
    return false;
  }
  // New or replaced months rebuild the per-date tables for those months only.
  const scope: BuildScope =
    missing || modelsChanged ? { dates: "all" } : await scopeOfChanges(db, report.files.filter((f) => f.status === "loaded").map((f) => ({ kind: f.kind!, dataKeys: f.dataKeys })));
  log(`Chạy ${models.length} mô hình SQL${scope.dates === "all" ? "" : ` (dựng lại ${scope.dates.length} ngày số liệu)`}…`);
  const started = Date.now();
  await runModels(db, models, log, scope);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('models_fingerprint', ${lit(fingerprint)})`);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('data_version', ${lit(String(Date.now()))})`);
  log(`Mô hình SQL xong (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  return true;
}

function lit(v: string | null): string {
  return v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`;
}

const fmt = (n: number) => n.toLocaleString("vi-VN");
