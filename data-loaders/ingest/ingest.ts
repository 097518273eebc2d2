// Loads a folder of ledger exports (CSV, Excel) into the warehouse in one transaction, then rebuilds
// the models. Files already loaded (same SHA-256) are skipped; a file replaces exactly the scope
// cells it covers (data date × PGD area …), keeping what it replaced for `--undo`; a failure rolls
// everything back. A file that breaks the reader is that file's problem: the load starts again
// without it, and the rest of the folder loads.
import { mkdirSync, rmSync } from "node:fs";
import { columnsOf, exportKinds, type ExportKind } from "../contract/exports.js";
import type { UnitList } from "../contract/columns.js";
import type { HeaderInfo } from "../contract/headers.js";
import { readUnionAliases, spellingKey } from "../contract/union-aliases.js";
import { modelsFingerprint, readMacros, readModels, runModels, scopeOfChanges, type BuildScope } from "../models/runner.js";
import { explainError, projectRoot, Warehouse } from "../warehouse/connection.js";
import { ensureSchema, loadReferenceData, rawTable, readSettings, type Settings } from "../warehouse/schema.js";
import { coverageOf, type Coverage } from "./coverage.js";
import { knownUnitMacros, parseMacros, refColumn } from "./parse-sql.js";
import { ReadFailed, readGroup, uniqueKey, type FileRead, type GroupFile } from "./read-files.js";
import { replaceCells, type Replacement } from "./replace.js";
import { exportFiles, sourcesOf, type Source } from "./sources.js";

export type FileStatus = "loaded" | "unchanged" | "duplicate" | "unusable" | "ignored" | "refused";

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
  /** Rows that are no data: title rows, totals, notes, signatures, blank rows. */
  rowsSkipped?: number;
  dataKeys: string[];
  /** Where the data date came from: the name, a title row or the column. */
  dataDateSource?: string | null;
  /** The unit its amounts were written in, when not đồng. */
  moneyUnit?: string | null;
  /** Each header: used, ignored (why) or unknown. */
  columns?: HeaderInfo[];
  message?: string;
  /** The first rejected rows, as the command shows them. */
  examples?: string[];
}

export interface IngestReport {
  runId: number;
  files: FileReport[];
  /** Scope cells this load touched: rows before → after. */
  replacements: Replacement[];
  /** Rows of earlier loads were replaced (a data date, year or campaign loaded again). */
  replacedRows: boolean;
  modelsRebuilt: boolean;
  seconds: number;
  /** Of which the SQL models took. */
  modelSeconds: number;
  /** Of which converting workbooks to CSV took. */
  conversionSeconds: number;
  /** Data date × PGD area of the loan listings, with the gaps. */
  coverage: Coverage;
  /** The warehouse file did not exist: this load made it. */
  created: boolean;
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
  /** Replace a scope even when it shrinks more than config/settings.json allows. */
  allowShrink?: boolean;
  /** Make a new warehouse in a folder that does not exist yet. */
  create?: boolean;
}

/** A file's problem found while reading it inside the transaction: the load restarts without it. */
class FileReadError extends Error {
  constructor(
    readonly sources: Source[],
    readonly reason: unknown,
  ) {
    super("file read failed");
  }
}

/** A new file to load, once looked at. */
interface Pending {
  slot: number;
  source: Source & { csvPath: string; layout: NonNullable<Source["layout"]>; scan: NonNullable<Source["scan"]> };
  kind: ExportKind;
  fileId: number;
  prefix: string;
}

export async function ingestFolder(options: IngestOptions): Promise<IngestReport> {
  const { exportsDir, warehouse, log = () => {}, models = true } = options;
  const started = Date.now();
  const paths = exportFiles(exportsDir);
  const settings = readSettings();
  const unions = readUnionAliases(projectRoot);
  // Opening takes DuckDB's write lock: a second load is refused before it reads anything.
  const { db, created } = await Warehouse.openForLoad(warehouse, { create: options.create });
  if (created) log(`Tạo kho dữ liệu mới ${warehouse}.`);
  // Conversions hold personal data: they live beside the warehouse, only while the load runs, and
  // go with it when the load is stopped (Ctrl-C, kill).
  const tmpDir = `${warehouse}.ingest-tmp`;
  const stop = (signal: NodeJS.Signals) => {
    rmSync(tmpDir, { recursive: true, force: true });
    process.stderr.write(`\nĐã hủy lần nạp (${signal === "SIGINT" ? "Ctrl-C" : signal}): kho dữ liệu không thay đổi, các tệp tạm đã xóa.\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    rmSync(tmpDir, { recursive: true, force: true });
    mkdirSync(tmpDir, { mode: 0o700 });
    // First every file is looked at, outside the transaction: format, conversion, layout, kind, date.
    const sources: Source[][] = [];
    for (const [i, path] of paths.entries()) sources.push(await sourcesOf(path, tmpDir, `f${i + 1}`));
    const conversionSeconds = sources.flat().reduce((sum, s) => sum + (s.convertSeconds ?? 0), 0);
    await ensureSchema(db);
    // A checkpoint vacuums: it merges the row groups earlier loads left part-filled, seconds of
    // work on a province. Worth it when rows were deleted (a month loaded again), not to add one.
    await db.run("SET max_vacuum_tasks = 0");
    const broken = new Map<Source, string>();
    // Files of a group whose read failed: read one by one from then on, to find the culprit.
    const alone = new Set<Source>();
    for (;;) {
      await db.run("BEGIN TRANSACTION");
      try {
        await loadReferenceData(db, settings);
        const lists = await codeLists(db);
        for (const macro of [...readMacros(), ...parseMacros(unions, textRefs(lists), await metricUnits(db), lists)]) await db.run(macro);
        const report = await loadAll(db, exportsDir, sources, broken, alone, tmpDir, settings, Boolean(options.allowShrink), log);
        report.created = created;
        report.conversionSeconds = conversionSeconds;
        const modelsStarted = Date.now();
        if (models) report.modelsRebuilt = await refreshModels(db, report, settings, log);
        else if (report.files.some((f) => f.status === "loaded")) await db.run(`DELETE FROM meta WHERE key = 'models_fingerprint'`);
        report.modelSeconds = (Date.now() - modelsStarted) / 1000;
        await db.run(`UPDATE ingest_runs SET finished_at = now()::TIMESTAMP WHERE run_id = ${report.runId}`);
        if (report.replacedRows) await db.run("RESET max_vacuum_tasks");
        await db.run("COMMIT");
        // Committed: the load is in (DuckDB's log holds it). Folding the log into the file may fail
        // on a full disk; the next open does it.
        await db.run("CHECKPOINT").catch((e: unknown) =>
          log(`Đã nạp xong, nhưng chưa gộp được nhật ký vào kho (${explainError(warehouse, e).message}); lần mở sau sẽ gộp.`),
        );
        report.seconds = (Date.now() - started) / 1000;
        return report;
      } catch (e) {
        await db.run("ROLLBACK").catch(() => {});
        if (!(e instanceof FileReadError)) throw e;
        if (process.env.DEBUG) console.error(e.reason);
        // Read together, the culprit is not known yet: read those files one by one from now on.
        if (e.sources.length > 1) {
          for (const s of e.sources) alone.add(s);
          log(`Một trong ${e.sources.length} tệp đọc chung làm hỏng lần đọc: đọc lại từ đầu, các tệp ấy từng tệp một.`);
          continue;
        }
        for (const s of e.sources) broken.set(s, readFailure(e.reason));
        log(`Đọc lại từ đầu, bỏ ${e.sources.map((s) => s.name).join(", ")}: ${readFailure(e.reason)}`);
      }
    }
  } catch (e) {
    throw explainError(warehouse, e);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    db.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Why DuckDB could not read a file, in words for its user. */
function readFailure(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/invalid unicode/i.test(message)) return "tệp có đoạn byte không phải UTF-8 hợp lệ: mở bằng Excel hoặc Notepad và lưu lại dưới dạng CSV UTF-8";
  if (/maximum line size|line size/i.test(message)) return "tệp có một dòng quá dài để đọc";
  if (/No space left|disk is full/i.test(message)) return "đĩa đầy khi đọc tệp";
  return "không đọc được tệp (lỗi của bộ đọc CSV); hãy mở bằng Excel và lưu lại dưới dạng CSV UTF-8 hoặc .xlsx";
}

/** Text code lists (rating classes …): spelling without accents, case or spaces → the list's own. */
function textRefs(lists: Map<string, string[]>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const ref of new Set(exportKinds.flatMap((k) => columnsOf(k).filter((c) => c.type === "text" && c.ref).map((c) => c.ref!)))) {
    out.set(ref, new Map((lists.get(ref) ?? []).map((v) => [spellingKey(v), v])));
  }
  return out;
}

/** The codes of every code list a column must match (the unions are matched by spelling instead). */
async function codeLists(db: Warehouse): Promise<Map<string, string[]>> {
  const refs = new Set(exportKinds.flatMap((k) => columnsOf(k).flatMap((c) => (c.ref && c.ref !== "unions" ? [c.ref] : []))));
  const out = new Map<string, string[]>();
  for (const ref of refs) out.set(ref, (await db.all<{ v: string }>(`SELECT ${refColumn[ref]} AS v FROM ref_${ref}`)).map((r) => r.v));
  return out;
}

/** Defines vn_known_pgd / vn_known_commune from the unit list loaded so far; returns how many codes it holds. */
async function defineKnownUnits(db: Warehouse): Promise<number> {
  const rows = await db.all<{ list: UnitList; code: string }>(`
    SELECT DISTINCT 'pgd' AS list, pgd_code AS code FROM raw_dmdonvi
    UNION SELECT DISTINCT 'commune', commune_code FROM raw_dmdonvi
    UNION SELECT DISTINCT 'commune', successor_code FROM raw_dmdonvi WHERE successor_code IS NOT NULL
    ORDER BY 1, 2`);
  const lists = { pgd: [] as string[], commune: [] as string[] };
  for (const r of rows) lists[r.list].push(r.code);
  for (const macro of knownUnitMacros(lists)) await db.run(macro);
  return rows.length;
}

async function metricUnits(db: Warehouse): Promise<Map<string, string>> {
  return new Map((await db.all<{ k: string; v: string }>(`SELECT metric_code AS k, target_unit AS v FROM ref_metrics`)).map((r) => [r.k, r.v]));
}

/** Kinds in load order: the unit list first, so padded codes can be checked against it. */
const loadOrder = [...exportKinds].sort((a, b) => Number(b.kind === "dmdonvi") - Number(a.kind === "dmdonvi"));

async function loadAll(
  db: Warehouse,
  exportsDir: string,
  sources: Source[][],
  broken: Map<Source, string>,
  alone: Set<Source>,
  tmpDir: string,
  settings: Settings,
  allowShrink: boolean,
  log: (m: string) => void,
): Promise<IngestReport> {
  const runId = (await db.one<{ id: number }>(`SELECT (coalesce(max(run_id), 0) + 1)::INTEGER AS id FROM ingest_runs`)).id;
  await db.run(`INSERT INTO ingest_runs (run_id, started_at, exports_dir) VALUES (${runId}, now()::TIMESTAMP, ${lit(exportsDir)})`);
  let nextFileId = (await db.one<{ id: number }>(`SELECT (coalesce(max(file_id), 0) + 1)::INTEGER AS id FROM ingest_files`)).id;
  const known = new Set(
    (await db.all<{ sha256: string }>(`SELECT sha256 FROM ingest_files WHERE status = 'loaded' AND sha256 IS NOT NULL`)).map((r) => r.sha256),
  );
  await db.run(`CREATE OR REPLACE TEMP TABLE file_base (file_id INTEGER, base BIGINT)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE file_totals (file_id INTEGER, line INTEGER, key VARCHAR, value BIGINT)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE rejected_keys (file_id INTEGER, cell VARCHAR, ukey VARCHAR)`);
  const seen = new Map<string, string>();
  const files: FileReport[] = [];
  const pending: Pending[] = [];
  const total = sources.length;

  for (const [i, list] of sources.entries()) {
    for (const c of list) {
      const prefix = `[${i + 1}/${total}] ${c.name}`;
      const kind = c.layout?.match.kind;
      const empty = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, dataKeys: [] as string[] };
      const problem = broken.get(c) ?? c.problem;
      if (c.ignored && !broken.has(c)) {
        files.push({ name: c.name, status: "ignored", ...empty, message: c.problem });
        await registerFile(db, nextFileId++, runId, c, undefined, "ignored", empty, c.problem);
        log(`${prefix}: bỏ qua – ${c.problem}`);
        continue;
      }
      if (problem || !c.layout || !c.scan || !c.csvPath || !c.sha256 || !kind) {
        files.push({ name: c.name, status: "unusable", ...empty, message: problem, columns: c.layout?.match.headers });
        await registerFile(db, nextFileId++, runId, c, kind, "unusable", empty, problem);
        log(`${prefix}: KHÔNG DÙNG ĐƯỢC – ${problem}`);
        continue;
      }
      if (known.has(c.sha256)) {
        files.push({ name: c.name, kind: kind.kind, status: "unchanged", ...empty });
        log(`${prefix}: đã nạp trước đây, bỏ qua`);
        continue;
      }
      if (seen.has(c.sha256)) {
        const message = `trùng nội dung với tệp ${seen.get(c.sha256)}`;
        files.push({ name: c.name, kind: kind.kind, status: "duplicate", ...empty, message });
        log(`${prefix}: ${message}, bỏ qua`);
        continue;
      }
      seen.set(c.sha256, c.name);
      files.push({ name: c.name, kind: kind.kind, status: "loaded", ...empty });
      pending.push({ slot: files.length - 1, source: c as Pending["source"], kind, fileId: nextFileId++, prefix });
    }
  }

  // Then the new files are read: a kind and layout at a time, with one read each.
  const reads = new Map<number, FileRead>();
  // Codes in the unit list (DMDONVI), once it is loaded: the first kind after it defines them.
  let knownUnits: number | null = null;
  for (const kind of loadOrder) {
    if (kind.kind !== "dmdonvi" && knownUnits === null) knownUnits = await defineKnownUnits(db);
    const unitListsKnown = kind.kind !== "dmdonvi" && (knownUnits ?? 0) > 0;
    const groups = new Map<string, Pending[]>();
    for (const p of pending.filter((p) => p.kind === kind)) {
      const key = alone.has(p.source) ? `${p.fileId}` : groupKey(p);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      const started = Date.now();
      if (group.length > 1) log(`Đọc ${group.length} tệp ${kind.title} cùng lúc…`);
      const groupFiles: GroupFile[] = group.map((p) => ({ fileId: p.fileId, csvPath: p.source.csvPath, scan: p.source.scan, fileDate: p.source.fileDate ?? null, dateFrom: p.source.dateSource === "tên tệp" ? "name" : p.source.fileDate ? "title" : null }));
      let result: Map<number, FileRead>;
      try {
        result = await readGroup(db, kind, first.source.layout, groupFiles, { tmpDir, unitListsKnown, units: unitsOf(first.source) });
      } catch (e) {
        throw e instanceof ReadFailed ? new FileReadError(group.map((p) => p.source), e.reason) : e;
      }
      for (const p of group) {
        const r = result.get(p.fileId)!;
        reads.set(p.fileId, r);
        const seconds = ((Date.now() - started) / 1000 / group.length).toFixed(1);
        log(`${p.prefix}: ${kind.title}${p.source.encoding === "UTF-8" ? "" : ` (${p.source.encoding})`} – đọc ${fmt(r.rowsRead)}, nạp ${fmt(r.rowsLoaded)}, loại ${fmt(r.rowsRejected)} dòng (${seconds} s)`);
      }
    }
  }

  // Duplicates within this load, then what the load replaces, then duplicates against what stays.
  const replacements: Replacement[] = [];
  const refusedFiles = new Map<number, string>();
  for (const kind of exportKinds) {
    const ids = pending.filter((p) => p.kind === kind).map((p) => p.fileId);
    if (ids.length === 0) continue;
    await rejectDuplicates(db, kind, ids, pending, reads, "in-run");
    const { cells, refused } = await replaceCells(db, kind, runId, ids, { ...settings.ingest, allowed: allowShrink });
    replacements.push(...cells.map((c) => ({ ...c })));
    for (const [id, why] of refused) refusedFiles.set(id, why);
    await rejectDuplicates(db, kind, ids.filter((id) => !refused.has(id)), pending, reads, "kept");
  }
  if (replacements.length) {
    await db.run(`INSERT INTO ingest_replacements VALUES ${replacements
      .map((r) => `(${runId}, ${lit(r.kind)}, ${lit(r.scope)}, ${lit(r.dataKey)}, ${lit(r.pgdCode)}, ${r.before}, ${r.after}, ${lit(r.filesBefore || null)}, ${r.refused})`)
      .join(", ")}`);
  }

  for (const p of pending) {
    const r = reads.get(p.fileId)!;
    const kind = p.kind;
    const refused = refusedFiles.get(p.fileId);
    const dataKeys = kind.dataKey
      ? (await db.all<{ k: string }>(`SELECT DISTINCT (${kind.dataKey})::VARCHAR AS k FROM ${rawTable(kind)} WHERE _file_id = ${p.fileId} ORDER BY 1`)).map((x) => x.k)
      : [];
    const totals = refused ? null : await checkTotals(db, p.fileId, kind);
    const message = [refused, ...r.notes, totals?.message].filter(Boolean).join("; ") || undefined;
    const report: FileReport = {
      name: p.source.name,
      kind: kind.kind,
      status: refused ? "refused" : "loaded",
      encoding: p.source.encoding,
      rowsRead: r.rowsRead,
      rowsLoaded: refused ? 0 : r.rowsLoaded,
      rowsRejected: r.rowsRejected,
      rowsSkipped: r.rowsSkipped,
      dataKeys,
      dataDateSource: p.source.dateSource,
      moneyUnit: p.source.layout.title.unit?.label ?? null,
      columns: p.source.layout.match.headers,
      message,
    };
    if (r.rowsRejected > 0) report.examples = await firstRejections(db, p.fileId);
    if (!refused && report.rowsRead !== report.rowsLoaded + report.rowsRejected) {
      throw new Error(`control total failed for ${report.name}: read ${report.rowsRead} ≠ loaded ${report.rowsLoaded} + rejected ${report.rowsRejected}`);
    }
    files[p.slot] = report;
    await registerFile(db, p.fileId, runId, p.source, kind, refused ? "refused" : "loaded", report, message, { totals: totals?.match ?? null, cleaned: r.cellsCleaned });
  }
  const count = (s: FileStatus) => files.filter((f) => f.status === s).length;
  await db.run(`UPDATE ingest_runs SET files_seen = ${files.length}, files_loaded = ${count("loaded")},
    files_unchanged = ${count("unchanged") + count("duplicate")}, files_unusable = ${count("unusable") + count("refused")} WHERE run_id = ${runId}`);
  const replacedRows = replacements.some((r) => r.before > 0 && !r.refused);
  return { runId, files, replacements, replacedRows, modelsRebuilt: false, seconds: 0, modelSeconds: 0, conversionSeconds: 0, coverage: await coverageOf(db), created: false };
}

/** Files a group read may take together: the same kind, layout (line ends too: one read has one) and units. */
function groupKey(p: Pending): string {
  const l = p.source.layout;
  return JSON.stringify([p.kind.kind, l.delimiter, l.newline, l.skipRecords, l.headers, [...unitsOf(p.source)]]);
}

/** Đồng per written unit for each money column: the header's unit, else the title rows' unit. */
function unitsOf(source: Source): Map<string, number> {
  const layout = source.layout!;
  const out = new Map<string, number>();
  for (const c of columnsOf(layout.match.kind).filter((c) => c.type === "money")) {
    const factor = layout.match.units.get(c.key)?.factor ?? layout.title.unit?.factor ?? 1;
    if (factor !== 1) out.set(c.key, factor);
  }
  return out;
}

/**
 * Rows sharing a unique key (a loan twice in one data date) are all rejected: which one is right
 * is unknown. "in-run": among the rows this load brings; "kept": against earlier rows that stay.
 */
async function rejectDuplicates(db: Warehouse, kind: ExportKind, ids: number[], pending: Pending[], reads: Map<number, FileRead>, against: "in-run" | "kept"): Promise<void> {
  if (ids.length === 0) return;
  const keys = kind.uniqueKey;
  const headers = columnsOf(kind).filter((c) => keys.includes(c.key)).map((c) => c.header).join(" + ");
  const table = rawTable(kind);
  const inRun = `_file_id IN (${ids.join(", ")})`;
  const sameKey = keys.map((k) => `d.${k} IS NOT DISTINCT FROM t.${k}`).join(" AND ");
  const scope = against === "in-run" ? `WHERE ${inRun}` : `WHERE ${uniqueKey(kind)} IN (SELECT ${uniqueKey(kind)} FROM ${table} WHERE ${inRun})`;
  await db.run(`CREATE OR REPLACE TEMP TABLE dup_keys AS
    SELECT ${keys.join(", ")} FROM ${table} ${scope} GROUP BY ALL HAVING count(*) > 1 ${against === "kept" ? `AND count(*) FILTER (WHERE NOT ${inRun}) > 0` : ""}`);
  if ((await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM dup_keys`)).n === 0) return;
  const rows = await db.all<{ file_id: number; k: number; line: number | null; key: string; mine: boolean; file_name: string }>(`
    SELECT t._file_id AS file_id, (t.rowid - coalesce(b.base, 0))::INTEGER AS k, t._line AS line, concat_ws(' | ', ${keys.map((k) => `t.${k}::VARCHAR`).join(", ")}) AS key,
      t.${inRun} AS mine, f.file_name
    FROM ${table} t LEFT JOIN file_base b ON b.file_id = t._file_id LEFT JOIN ingest_files f ON f.file_id = t._file_id
    WHERE EXISTS (SELECT 1 FROM dup_keys d WHERE ${sameKey})
    ORDER BY t._file_id, k`);
  const byId = new Map(pending.map((p) => [p.fileId, p]));
  const where = (r: { file_id: number; k: number; line: number | null; file_name: string | null }) =>
    byId.has(r.file_id) ? `${byId.get(r.file_id)!.source.name} dòng ${r.line ?? reads.get(r.file_id)!.locator.line(r.k)}` : `${r.file_name} (đã nạp trước)`;
  const places = new Map<string, string[]>();
  for (const r of rows) places.set(r.key, [...(places.get(r.key) ?? []), where(r)]);
  const mine = rows.filter((r) => r.mine);
  const entries = mine.map((r) => `(${r.file_id}, ${r.line ?? reads.get(r.file_id)!.locator.line(r.k)}, ${lit(headers)}, ${lit(r.key)},
    ${lit(`trùng khóa ${headers}: ${places.get(r.key)!.join(", ")}`)})`);
  for (let i = 0; i < entries.length; i += 1000) await db.run(`INSERT INTO quarantine VALUES ${entries.slice(i, i + 1000).join(", ")}`);
  await db.run(`DELETE FROM ${table} t WHERE t.${inRun} AND EXISTS (SELECT 1 FROM dup_keys d WHERE ${sameKey})`);
  for (const r of mine) {
    const read = reads.get(r.file_id)!;
    read.rowsLoaded--;
    read.rowsRejected++;
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

async function registerFile(
  db: Warehouse,
  fileId: number,
  runId: number,
  c: Source,
  kind: ExportKind | undefined,
  status: string,
  counts: { rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsSkipped?: number; dataKeys: string[] },
  message: string | undefined,
  extra: { totals: boolean | null; cleaned: number } = { totals: null, cleaned: 0 },
): Promise<void> {
  await db.run(`INSERT INTO ingest_files (file_id, run_id, file_name, sha256, bytes, kind, data_keys, rows_read, rows_loaded,
    rows_rejected, status, message, loaded_at, totals_match, data_date_source, money_unit, rows_skipped, cells_cleaned)
    VALUES (${fileId}, ${runId}, ${lit(c.name)}, ${lit(c.sha256 ?? null)}, ${c.bytes}, ${lit(kind?.kind ?? null)}, ${lit(counts.dataKeys.join(",") || null)},
    ${counts.rowsRead}, ${counts.rowsLoaded}, ${counts.rowsRejected}, ${lit(status)}, ${lit(message ?? null)}, now()::TIMESTAMP,
    ${extra.totals === null ? "NULL" : extra.totals}, ${lit(c.dateSource ?? null)}, ${lit(c.layout?.title.unit?.label ?? null)},
    ${counts.rowsSkipped ?? 0}, ${extra.cleaned})`);
  const headers = c.layout?.match.headers ?? [];
  for (let i = 0; i < headers.length; i += 500) {
    await db.run(`INSERT INTO ingest_columns VALUES ${headers
      .slice(i, i + 500)
      .map((h) => `(${fileId}, ${h.position}, ${lit(h.header)}, ${lit(h.status)}, ${lit(h.key ?? null)}, ${lit(h.note ?? null)})`)
      .join(", ")}`);
  }
}

async function refreshModels(db: Warehouse, report: IngestReport, settings: Settings, log: (m: string) => void): Promise<boolean> {
  const models = readModels();
  const fingerprint = modelsFingerprint(models, settings);
  const previous = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'models_fingerprint'`);
  // An unusable file changes no month, but the data page's reports must list it.
  const dataChanged = report.files.some((f) => f.status === "loaded" || f.status === "unusable" || f.status === "refused");
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
    missing || modelsChanged
      ? { dates: "all" }
      : await scopeOfChanges(db, report.files.filter((f) => f.status === "loaded").map((f) => ({ kind: f.kind!, dataKeys: f.dataKeys })));
  await rebuild(db, models, fingerprint, scope, log);
  return true;
}

/** Runs the models for a scope and records that the warehouse's marts are current. */
export async function rebuild(db: Warehouse, models: ReturnType<typeof readModels>, fingerprint: string, scope: BuildScope, log: (m: string) => void): Promise<void> {
  log(`Chạy ${models.length} mô hình SQL${scope.dates === "all" ? "" : ` (dựng lại ${scope.dates.length} ngày số liệu)`}…`);
  const started = Date.now();
  await runModels(db, models, log, scope);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('models_fingerprint', ${lit(fingerprint)})`);
  await db.run(`INSERT OR REPLACE INTO meta VALUES ('data_version', ${lit(String(Date.now()))})`);
  log(`Mô hình SQL xong (${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

function lit(v: string | null): string {
  return v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`;
}

const fmt = (n: number) => n.toLocaleString("vi-VN");
