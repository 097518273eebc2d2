// `npm run warehouse -- --undo`: the last load that changed the warehouse is taken back. Its files'
// rows leave the raw tables, the rows it replaced come back from raw_<kind>__superseded, and the
// files it superseded are loaded again; the models are then rebuilt for the dates it touched.
// Undone again, the load before it goes, and so on.
import { existsSync } from "node:fs";
import { exportKinds } from "../contract/exports.js";
import { modelsFingerprint, readModels, scopeOfChanges } from "../models/runner.js";
import { explainError, UserError, Warehouse } from "../warehouse/connection.js";
import { ensureSchema, rawTable, readSettings, supersededTable } from "../warehouse/schema.js";
import { rebuild } from "./ingest.js";

export interface UndoReport {
  runId: number;
  startedAt: string;
  /** Files whose rows were taken out. */
  removed: string[];
  /** Files whose rows came back. */
  restored: string[];
  /** Per kind and data key: rows before the undo → after. */
  changes: { kind: string; dataKey: string | null; before: number; after: number }[];
  /** What the models must rebuild. */
  changed: { kind: string; dataKeys: string[] }[];
}

export async function undoLastRun(db: Warehouse): Promise<UndoReport> {
  const runs = await db.all<{ run_id: number; started_at: string }>(
    `SELECT run_id, strftime(started_at, '%d/%m/%Y %H:%M') AS started_at FROM ingest_runs
     WHERE undone_at IS NULL AND (files_loaded > 0 OR run_id IN (SELECT superseded_run FROM ingest_files WHERE superseded_run IS NOT NULL))
     ORDER BY run_id DESC LIMIT 1`,
  );
  if (runs.length === 0) throw new UserError("Không có lần nạp nào để hoàn tác.");
  const { run_id: runId, started_at: startedAt } = runs[0]!;
  const files = `SELECT file_id FROM ingest_files WHERE run_id = ${runId}`;
  const changes: UndoReport["changes"] = [];
  const changed: UndoReport["changed"] = [];
  for (const kind of exportKinds) {
    const table = rawTable(kind);
    const key = kind.dataKey ? `(${kind.dataKey})::VARCHAR` : "NULL";
    const touched = `SELECT ${key} AS k FROM ${table} WHERE _file_id IN (${files}) UNION SELECT ${key} FROM ${supersededTable(kind)} WHERE _superseded_run = ${runId}`;
    const keys = await db.all<{ k: string | null }>(`SELECT DISTINCT k FROM (${touched}) ORDER BY 1`);
    if (keys.length === 0) continue;
    const list = keys.map((r) => `'${(r.k ?? "").replace(/'/g, "''")}'`).join(", ");
    const counts = `SELECT ${key} AS k, count(*)::BIGINT AS n FROM ${table} WHERE coalesce(${key}, '') IN (${list}) GROUP BY 1`;
    const before = await db.all<{ k: string | null; n: number }>(counts);
    await db.run(`DELETE FROM ${table} WHERE _file_id IN (${files})`);
    await db.run(`INSERT INTO ${table} BY NAME SELECT * EXCLUDE (_superseded_run) FROM ${supersededTable(kind)} WHERE _superseded_run = ${runId}`);
    await db.run(`DELETE FROM ${supersededTable(kind)} WHERE _superseded_run = ${runId}`);
    const after = await db.all<{ k: string | null; n: number }>(counts);
    for (const { k } of keys) {
      changes.push({ kind: kind.kind, dataKey: k, before: before.find((b) => b.k === k)?.n ?? 0, after: after.find((a) => a.k === k)?.n ?? 0 });
    }
    changed.push({ kind: kind.kind, dataKeys: keys.map((r) => r.k).filter((k): k is string => k !== null) });
  }
  const removed = await db.all<{ file_name: string }>(`SELECT file_name FROM ingest_files WHERE run_id = ${runId} AND status IN ('loaded', 'superseded') ORDER BY file_name`);
  const restored = await db.all<{ file_name: string }>(`SELECT file_name FROM ingest_files WHERE superseded_run = ${runId} ORDER BY file_name`);
  await db.run(`UPDATE ingest_files SET status = 'undone' WHERE run_id = ${runId}`);
  await db.run(`UPDATE ingest_files SET status = 'loaded', superseded_run = NULL WHERE superseded_run = ${runId}`);
  await db.run(`UPDATE ingest_runs SET undone_at = now()::TIMESTAMP WHERE run_id = ${runId}`);
  return { runId, startedAt, removed: removed.map((r) => r.file_name), restored: restored.map((r) => r.file_name), changes, changed };
}

/** Undoes the last load in one transaction and rebuilds the models for what it touched. */
export async function undoLoad(warehouse: string, log: (m: string) => void = () => {}): Promise<UndoReport> {
  if (!existsSync(warehouse)) throw new UserError(`Chưa có kho dữ liệu ${warehouse}: không có gì để hoàn tác.`);
  const { db } = await Warehouse.openForLoad(warehouse);
  try {
    await ensureSchema(db);
    await db.run("BEGIN TRANSACTION");
    try {
      const report = await undoLastRun(db);
      const models = readModels();
      const built = await db.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'models_fingerprint'`);
      const fingerprint = modelsFingerprint(models, readSettings());
      const scope = built[0]?.value === fingerprint ? await scopeOfChanges(db, report.changed) : { dates: "all" as const };
      await rebuild(db, models, fingerprint, scope, log);
      await db.run("COMMIT");
      await db.run("CHECKPOINT");
      return report;
    } catch (e) {
      await db.run("ROLLBACK").catch(() => {});
      throw e;
    }
  } catch (e) {
    throw explainError(warehouse, e);
  } finally {
    db.close();
  }
}
