// Tables the ingest owns: one raw table per export kind (typed, from the contract), the file
// register, the quarantine, and the reference tables from sql/seeds and config/settings.json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { columnsOf, exportKinds, type ExportKind } from "../contract/exports.js";
import { duckdbType } from "../contract/columns.js";
import { projectRoot, type Warehouse } from "./connection.js";

export const rawTable = (kind: ExportKind) => `raw_${kind.kind}`;
/** Rows a later load replaced, kept so that `--undo` can bring them back. */
export const supersededTable = (kind: ExportKind) => `raw_${kind.kind}__superseded`;

/** Columns the load notes per row while it reads (cleared by deleting rows it does not keep). */
const loadColumns: [string, string][] = [
  ["_label", "VARCHAR"],
  ["_fails", `STRUCT(header VARCHAR, "value" VARCHAR, reason VARCHAR)[]`],
  ["_style", "BIGINT"],
  ["_ambiguous", "BIGINT"],
  ["_cleaned", "INTEGER"],
  // The line of a row read again on its own (a short row), where its position cannot say it.
  ["_line", "INTEGER"],
];

/**
 * The raw table of a kind: the contract's columns, the file a row came from, and what the load
 * notes while reading it (its label: a totals row, a note …; the checks it failed; the style
 * evidence of its cells; how many code cells were cleaned). And its twin for superseded rows,
 * kept for `--undo`. `existing`: the columns the tables already have (a warehouse made before a
 * column joined the contract gets it added).
 */
export function rawTableDdl(kind: ExportKind, existing: Map<string, Set<string>>): string[] {
  const columns: [string, string][] = [...columnsOf(kind).map((c): [string, string] => [c.key, duckdbType[c.type]]), ["_file_id", "INTEGER"], ...loadColumns];
  const out: string[] = [];
  for (const [table, extra] of [[rawTable(kind), []], [supersededTable(kind), [["_superseded_run", "INTEGER"]]]] as [string, [string, string][]][]) {
    const all = [...columns, ...extra];
    const have = existing.get(table);
    if (!have) out.push(`CREATE TABLE ${table} (${all.map(([n, t]) => `${n} ${t}`).join(", ")})`);
    else for (const [n, t] of all) if (!have.has(n)) out.push(`ALTER TABLE ${table} ADD COLUMN ${n} ${t}`);
  }
  return out;
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
  // An undone run: its files' rows were taken out and the rows they replaced brought back.
  `ALTER TABLE ingest_runs ADD COLUMN IF NOT EXISTS undone_at TIMESTAMP`,
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
  // What the file said about itself: its data date and where it came from, the unit of its amounts.
  `ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS data_date_source VARCHAR`,
  `ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS money_unit VARCHAR`,
  // Rows that are no data (title, totals, notes, signatures, blank) and code cells cleaned.
  `ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS rows_skipped INTEGER`,
  `ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS cells_cleaned INTEGER`,
  // The run whose load replaced this file's last rows (status superseded).
  `ALTER TABLE ingest_files ADD COLUMN IF NOT EXISTS superseded_run INTEGER`,
  // Each header of a file: used for a contract column, ignored (and why) or unknown.
  `CREATE TABLE IF NOT EXISTS ingest_columns (
    file_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    header VARCHAR,
    status VARCHAR NOT NULL, -- used | twin | known | former | duplicate | unknown | empty
    column_key VARCHAR,
    note VARCHAR
  )`,
  // Rows of a file that are no data: totals, subtotals, notes and signatures; never rejections.
  `CREATE TABLE IF NOT EXISTS ingest_skipped (
    file_id INTEGER NOT NULL,
    line INTEGER,
    label VARCHAR NOT NULL, -- total | subtotal | note | blank | title
    text VARCHAR
  )`,
  // What each load replaced: rows before → after in each scope cell (data date × PGD area …).
  `CREATE TABLE IF NOT EXISTS ingest_replacements (
    run_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    scope VARCHAR NOT NULL,
    data_key VARCHAR,
    pgd_code VARCHAR,
    rows_before BIGINT NOT NULL,
    rows_after BIGINT NOT NULL,
    files_before VARCHAR,
    refused BOOLEAN NOT NULL
  )`,
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
  const existing = new Map<string, Set<string>>();
  for (const r of await db.all<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'main'`)) {
    existing.set(r.t, (existing.get(r.t) ?? new Set()).add(r.c));
  }
  for (const kind of exportKinds) for (const ddl of rawTableDdl(kind, existing)) await db.run(ddl);
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
  ingest: z.object({
    maxShrinkPct: z.number().min(0).max(100),
    minShrinkRows: z.number().int().min(0),
  }),
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
