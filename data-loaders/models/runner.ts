// Runs the SQL models in sql/: one SELECT per file, named by its file, ordered by the models it
// names. staging/ and intermediate/ become views, marts/ become tables the page loaders read.
// sql/macros/*.sql (CREATE MACRO statements shared by models) run first.
//
// A table whose file says "-- Incremental: data_date" holds one slice of rows per data date and is
// built only for the dates a load changed: its rows for those dates are deleted and selected again.
// Its SQL restricts what it reads with in_build(data_date), a macro defined for each run (true for
// a full build, the changed dates otherwise), so a new month reads that month's rows only. No other
// model may use in_build: it is rebuilt whole (or, a view, outlives the run).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { exportKinds } from "../contract/exports.js";
import { projectRoot, type Warehouse } from "../warehouse/connection.js";
import { rawTable } from "../warehouse/schema.js";

export interface Model {
  name: string;
  layer: "staging" | "intermediate" | "marts";
  /** Marts are tables; others are views unless the file says "-- Materialized: table". */
  materialized: "table" | "view";
  /** Built per data date ("-- Incremental: data_date"): only the dates a load changed. */
  incremental: boolean;
  path: string;
  sql: string;
  grain: string;
  dependsOn: string[];
}

const LAYERS = ["staging", "intermediate", "marts"] as const;
export const sqlDir = join(projectRoot, "sql");

export function readModels(dir = sqlDir): Model[] {
  const files = LAYERS.flatMap((layer) =>
    listSql(join(dir, layer)).map((path) => ({ layer, path, name: basename(path, ".sql") })),
  );
  const names = new Set(files.map((f) => f.name));
  return files.map(({ layer, path, name }) => {
    const sql = readFileSync(path, "utf8").trim().replace(/;\s*$/, "");
    const grain = /^--\s*Grain:\s*(.+)$/im.exec(sql)?.[1]?.trim();
    if (!grain) throw new Error(`${relative(projectRoot, path)}: the file must open with a "-- Grain: …" comment`);
    const code = sql.replace(/--.*$/gm, "");
    const dependsOn = [...names].filter((n) => n !== name && new RegExp(`\\b${n}\\b`).test(code));
    const incremental = /^--\s*Incremental:\s*data_date\b/im.test(sql);
    const materialized = layer === "marts" || incremental || /^--\s*Materialized:\s*table\b/im.test(sql) ? "table" : "view";
    if (!incremental && /\bin_build\s*\(/.test(code)) {
      throw new Error(`${relative(projectRoot, path)}: only a model marked "-- Incremental: data_date" may use in_build(): any other is rebuilt whole`);
    }
    return { name, layer, materialized, incremental, path, sql, grain, dependsOn };
  });
}

function listSql(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort()
      .map((f) => join(dir, f))
      .filter((p) => statSync(p).isFile());
  } catch {
    return [];
  }
}

/** Dependencies first; a cycle is a mistake in the models and stops the run. */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (done.has(m.name)) return;
    if (visiting.has(m.name)) throw new Error(`models depend on each other in a cycle: ${[...path, m.name].join(" → ")}`);
    visiting.add(m.name);
    // A dependency outside the set (the staging views over a Parquet lake) is already there.
    for (const d of m.dependsOn) if (byName.has(d)) visit(byName.get(d)!, [...path, m.name]);
    visiting.delete(m.name);
    done.add(m.name);
    out.push(m);
  };
  for (const m of models) visit(m, []);
  return out;
}

export function readMacros(dir = sqlDir): string[] {
  return listSql(join(dir, "macros")).map((p) => readFileSync(p, "utf8"));
}

/** Everything the models' results depend on besides the data: SQL, macros, seeds and settings. */
export function modelsFingerprint(models: Model[], settings: object): string {
  const h = createHash("sha256");
  // The ingest's own settings (the shrink guard) change no figure.
  settings = { ...settings, ingest: undefined };
  for (const macro of readMacros()) h.update(macro);
  for (const m of models) h.update(m.name).update(m.sql);
  h.update(JSON.stringify(settings));
  for (const f of readdirSync(join(sqlDir, "seeds")).sort()) h.update(readFileSync(join(sqlDir, "seeds", f)));
  return h.digest("hex");
}

/** What a run builds: every data date, or the dates a load changed (and those after them). */
export type BuildScope = { dates: "all" } | { dates: string[] };

/**
 * The dates a load makes the incremental models rebuild: every data date from the earliest one a
 * monthly export changed (a month's comparisons reach the months after it: previous month, year to
 * date, the next year's start). A new unit list moves loans between communes: everything.
 * Targets, reconciliation, inspections and risk handling feed no incremental model.
 */
export async function scopeOfChanges(db: Warehouse, changed: { kind: string; dataKeys: string[] }[]): Promise<BuildScope> {
  const kinds = new Map(exportKinds.map((k) => [k.kind, k]));
  const monthly = exportKinds.filter((k) => k.dataDate);
  if (changed.some((c) => kinds.get(c.kind)?.dataKey === null)) return { dates: "all" };
  const dates = changed.filter((c) => monthly.some((k) => k.kind === c.kind)).flatMap((c) => c.dataKeys).sort();
  if (dates.length === 0) return { dates: [] };
  const all = monthly.map((k) => `SELECT data_date FROM ${rawTable(k)}`).join(" UNION ");
  const rows = await db.all<{ d: string }>(`SELECT strftime(data_date, '%Y-%m-%d') AS d FROM (${all}) WHERE data_date >= $from::DATE ORDER BY 1`, { from: dates[0]! });
  return { dates: rows.map((r) => r.d) };
}

/** in_build(d) for this run: a constant list, so filters on data_date prune the scans. */
function buildMacro(scope: BuildScope): string {
  const test =
    scope.dates === "all" ? "true" : scope.dates.length === 0 ? "false" : `d IN (${scope.dates.map((d) => `DATE '${d}'`).join(", ")})`;
  return `CREATE OR REPLACE TEMP MACRO in_build(d) AS ${test}`;
}

export async function runModels(db: Warehouse, models: Model[], log: (m: string) => void = () => {}, scope: BuildScope = { dates: "all" }): Promise<void> {
  for (const date of scope.dates === "all" ? [] : scope.dates) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`build date ${date} is not yyyy-mm-dd`);
  }
  const existing = new Map(
    (await db.all<{ name: string; type: string }>(`SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main'`)).map(
      (r) => [r.name, r.type === "VIEW" ? "VIEW" : "TABLE"],
    ),
  );
  // An incremental table built for the first time needs every date.
  if (models.some((m) => m.incremental && existing.get(m.name) !== "TABLE")) scope = { dates: "all" };
  for (const macro of readMacros()) await db.run(macro);
  await db.run(buildMacro(scope));
  for (const m of orderModels(models)) {
    const started = Date.now();
    const what = m.materialized === "table" ? "TABLE" : "VIEW";
    const before = existing.get(m.name);
    // A model that changed from view to table (or back) replaces the old object.
    if (before && before !== what) await db.run(`DROP ${before} ${m.name} CASCADE`);
    const partial = m.incremental && scope.dates !== "all";
    if (partial && scope.dates.length === 0) continue;
    const rows = m.incremental ? `SELECT * FROM (\n${m.sql}\n) WHERE in_build(data_date)` : m.sql;
    try {
      if (partial) {
        await db.run(`DELETE FROM ${m.name} WHERE in_build(data_date)`);
        await db.run(`INSERT INTO ${m.name} BY NAME ${rows}`);
      } else {
        await db.run(`CREATE OR REPLACE ${what} ${m.name} AS\n${rows}`);
      }
    } catch (e) {
      throw new Error(`SQL model ${relative(projectRoot, m.path)} failed: ${e instanceof Error ? e.message : e}`);
    }
    if (m.materialized === "table") log(`  ${m.name}${partial ? " (theo ngày)" : ""} (${Date.now() - started} ms)`);
  }
}
