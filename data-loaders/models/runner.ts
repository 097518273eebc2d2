// Runs the SQL models in sql/: one SELECT per file, named by its file, ordered by the models it
// names. staging/ and intermediate/ become views, marts/ become tables the page loaders read.
// sql/macros/*.sql (CREATE MACRO statements shared by models) run first.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { projectRoot, type Warehouse } from "../warehouse/connection.js";

export interface Model {
  name: string;
  layer: "staging" | "intermediate" | "marts";
  /** Marts are tables; others are views unless the file says "-- Materialized: table". */
  materialized: "table" | "view";
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
    const materialized = layer === "marts" || /^--\s*Materialized:\s*table\b/im.test(sql) ? "table" : "view";
    return { name, layer, materialized, path, sql, grain, dependsOn };
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
    for (const d of m.dependsOn) visit(byName.get(d)!, [...path, m.name]);
    visiting.delete(m.name);
    done.add(m.name);
    out.push(m);
  };
  for (const m of models) visit(m, []);
  return out;
}

/** Fingerprint of everything a model result depends on besides the raw data. */
export function readMacros(dir = sqlDir): string[] {
  return listSql(join(dir, "macros")).map((p) => readFileSync(p, "utf8"));
}

export function modelsFingerprint(models: Model[], extra: string[]): string {
  const h = createHash("sha256");
  for (const macro of readMacros()) h.update(macro);
  for (const m of models) h.update(m.name).update(m.sql);
  for (const e of extra) h.update(e);
  return h.digest("hex");
}

export async function runModels(db: Warehouse, models: Model[], log: (m: string) => void = () => {}): Promise<void> {
  for (const macro of readMacros()) await db.run(macro);
  const existing = new Map(
    (await db.all<{ name: string; type: string }>(`SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main'`)).map(
      (r) => [r.name, r.type === "VIEW" ? "VIEW" : "TABLE"],
    ),
  );
  for (const m of orderModels(models)) {
    const started = Date.now();
    const what = m.materialized === "table" ? "TABLE" : "VIEW";
    const before = existing.get(m.name);
    // A model that changed from view to table (or back) replaces the old object.
    if (before && before !== what) await db.run(`DROP ${before} ${m.name} CASCADE`);
    try {
      await db.run(`CREATE OR REPLACE ${what} ${m.name} AS\n${m.sql}`);
    } catch (e) {
      throw new Error(`SQL model ${relative(projectRoot, m.path)} failed: ${e instanceof Error ? e.message : e}`);
    }
    if (m.materialized === "table") log(`  ${m.name} (${Date.now() - started} ms)`);
  }
}
