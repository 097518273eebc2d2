// Tables the ingest owns: one raw table per export kind (typed, from the contract), the file
// register, the quarantine, and the reference tables from sql/seeds and config/settings.json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { columnsOf, exportKinds, type ExportKind } from "../contract/exports.js";
import { duckdbType } from "../contract/columns.js";
import { projectRoot, type Warehouse } from "./connection.js";

export const rawTable = (kind: ExportKind) => `raw_${kind.kind}`;

export function rawTableDdl(kind: ExportKind): string {
  const cols = columnsOf(kind).map((c) => `  ${c.key} ${duckdbType[c.type]}`);
  cols.push("  _file_id INTEGER NOT NULL");
  return `CREATE TABLE IF NOT EXISTS ${rawTable(kind)} (\n${cols.join(",\n")}\n)`;
}

const ingestDdl = [
  `CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    exports_dir VARCHAR NOT NULL,
    files_seen INTEGER,
    files_loaded INTEGER,
    files_unchanged INTEGER,
    files_unusable INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS ingest_files (
    file_id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR,
    bytes BIGINT,
    kind VARCHAR,
    data_keys VARCHAR,
    rows_read INTEGER,
    rows_loaded INTEGER,
    rows_rejected INTEGER,
    status VARCHAR NOT NULL, -- loaded | superseded | unusable
    message VARCHAR,
    loaded_at TIMESTAMP NOT NULL
  )`,
  // Added with totals rows; NULL when the file has none.
  `ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS totals_match BOOLEAN`,
  `CREATE TABLE IF NOT EXISTS quarantine (
    file_id INTEGER NOT NULL,
    line INTEGER,
    column_header VARCHAR,
    value VARCHAR,
    reason VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
];

export async function ensureSchema(db: Warehouse): Promise<void> {
  for (const ddl of ingestDdl) await db.run(ddl);
  for (const kind of exportKinds) await db.run(rawTableDdl(kind));
}

const settingsSchema = z.object({
  groupRating: z.object({
    maxScores: z.object({
      communeTransactions: z.number().positive(),
      overdueRatio: z.number().positive(),
      dueCollection: z.number().positive(),
      interestCollection: z.number().positive(),
      savingsParticipation: z.number().positive(),
      savingsGrowth: z.number().positive(),
    }),
    minScoreTot: z.number().min(0).max(100),
    minScoreKha: z.number().min(0).max(100),
    minScoreTrungBinh: z.number().min(0).max(100),
  }),
  overdueGroupThresholdPct: z.number().min(0).max(100),
  smallGroupMinHouseholds: z.number().int().min(1),
  savingsToLoanTargetPct: z.number().min(0),
  membersSavingTargetPct: z.number().min(0).max(100),
});
export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(path = join(projectRoot, "config/settings.json")): Settings {
  const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`config/settings.json: ${z.prettifyError(parsed.error)}`);
  const r = parsed.data.groupRating;
  if (!(r.minScoreTot > r.minScoreKha && r.minScoreKha > r.minScoreTrungBinh)) {
    throw new Error("config/settings.json: groupRating cut-offs must decrease from Tốt to Trung bình");
  }
  return parsed.data;
}

const seedsDir = join(projectRoot, "sql/seeds");

/** Reference tables are rebuilt from sql/seeds/*.csv on every load, so editing a seed takes effect. */
export async function loadReferenceData(db: Warehouse, settings: Settings): Promise<void> {
  for (const file of readdirSync(seedsDir).filter((f) => f.endsWith(".csv")).sort()) {
    const table = file.replace(/\.csv$/, "");
    const path = join(seedsDir, file).replace(/'/g, "''");
    await db.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv('${path}', header = true, all_varchar = true)`);
  }
  // The export kinds' Vietnamese titles, from the contract, for the data page.
  await db.run(`CREATE OR REPLACE TABLE ref_export_kinds AS SELECT * FROM (VALUES
    ${exportKinds.map((k, i) => `('${k.kind}', '${k.title.replace(/'/g, "''")}', ${i + 1})`).join(", ")}) AS t(kind, title, sort_order)`);
  const s = settings;
  const m = s.groupRating.maxScores;
  await db.run(`CREATE OR REPLACE TABLE cfg_settings AS SELECT
    ${m.communeTransactions}::DOUBLE AS max_score_commune_transactions,
    ${m.overdueRatio}::DOUBLE AS max_score_overdue_ratio,
    ${m.dueCollection}::DOUBLE AS max_score_due_collection,
    ${m.interestCollection}::DOUBLE AS max_score_interest_collection,
    ${m.savingsParticipation}::DOUBLE AS max_score_savings_participation,
    ${m.savingsGrowth}::DOUBLE AS max_score_savings_growth,
    ${s.groupRating.minScoreTot}::DOUBLE AS min_score_tot,
    ${s.groupRating.minScoreKha}::DOUBLE AS min_score_kha,
    ${s.groupRating.minScoreTrungBinh}::DOUBLE AS min_score_trung_binh,
    ${s.overdueGroupThresholdPct}::DOUBLE AS overdue_group_threshold_pct,
    ${s.smallGroupMinHouseholds}::INTEGER AS small_group_min_households,
    ${s.savingsToLoanTargetPct}::DOUBLE AS savings_to_loan_target_pct,
    ${s.membersSavingTargetPct}::DOUBLE AS members_saving_target_pct`);
}
