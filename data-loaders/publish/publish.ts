// Writing publications: one at a time for a Framework loader in src/data/, or all of them at once
// into Framework's loader cache before a build. Either way each row is checked against its mart's
// zod contract and the file is Arrow IPC.
//
// Why both: a site has a page per union, PGD area and commune (a few hundred data files). Framework
// runs one loader process per file, about a second each; one process with one warehouse connection
// writes them all in seconds. Framework then finds every file in its cache and runs no loader. The
// loaders stay the definition of what a page reads, and work alone (e.g. `observable preview`).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { projectRoot, Warehouse, warehousePath } from "../warehouse/connection.js";
import { queryColumns, toArrow } from "./arrow.js";
import { martContracts } from "./contracts.js";
import { paramsOf, publications, routeParams, type Publication, type PublicationName } from "./publications.js";

export const loaderDir = join(projectRoot, "src/data");

export async function publicationArrow(db: Warehouse, name: PublicationName, params: Record<string, string> = {}): Promise<Uint8Array> {
  const { mart, sql }: Publication = publications[name];
  const keys = paramsOf(name);
  for (const key of keys) {
    const form = routeParams[key]!.form;
    if (!form.test(params[key] ?? "")) throw new Error(`publication ${name}: parameter ${key} = ${JSON.stringify(params[key])} is not of the form ${form}`);
  }
  const columns = await queryColumns(db, sql, keys.length ? Object.fromEntries(keys.map((k) => [k, params[k]!])) : undefined);
  const contract: z.ZodObject<Record<string, z.ZodType>> = martContracts[mart];
  const unknown = columns.names.filter((n) => !(n in contract.shape));
  if (unknown.length) throw new Error(`publication ${name} selects columns its mart ${mart} does not declare: ${unknown.join(", ")}`);
  const row = z.strictObject(Object.fromEntries(columns.names.map((n) => [n, contract.shape[n]!])));
  const rows = columns.values[0]?.map((_, r) => Object.fromEntries(columns.names.map((n, c) => [n, columns.values[c]![r]]))) ?? [];
  const checked = z.array(row).safeParse(rows);
  if (!checked.success) throw new Error(`publication ${name} breaks the contract of ${mart}: ${z.prettifyError(checked.error).slice(0, 2000)}`);
  return toArrow(columns);
}

/** The publication a loader file stands for: its path under src/data/, without ".arrow.ts". */
export function publicationOfLoader(loaderPath: string): string {
  return relative(loaderDir, loaderPath).split("\\").join("/").replace(/\.arrow\.ts$/, "");
}

/**
 * The body of every loader in src/data/: `await publish(import.meta.url)`. Framework passes a
 * parameterized loader its route parameters as --name=value flags.
 */
export async function publish(loaderUrl: string): Promise<void> {
  const name = publicationOfLoader(fileURLToPath(loaderUrl));
  if (!(name in publications)) throw new Error(`no publication ${name} for the loader ${loaderUrl}`);
  const options = Object.fromEntries(paramsOf(name).map((k) => [k, { type: "string" as const }]));
  const { values } = parseArgs({ options, strict: false });
  const db = await Warehouse.open(warehousePath(), { readOnly: true });
  try {
    process.stdout.write(await publicationArrow(db, name as PublicationName, values as Record<string, string>));
  } finally {
    db.close();
  }
}

export interface PublishAll {
  /** Files written (content changed) and kept (same bytes as before). */
  written: number;
  unchanged: number;
  /** Page routes for the parameterized pages, e.g. "/xa/021000". */
  routes: string[];
}

/** Every value of each route parameter present in the warehouse. */
export async function routeValues(db: Warehouse): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [key, p] of Object.entries(routeParams)) {
    out[key] = (await db.all<{ value: string }>(p.values)).map((r) => r.value).filter((v) => p.form.test(v));
  }
  return out;
}

/**
 * Writes every publication, for every route value, where Framework's build looks for loader output
 * (`<cacheDir>/data/…`), and removes files of routes that no longer exist. A file whose bytes did
 * not change is left alone.
 */
export async function publishAll(warehouse: string, cacheDir: string, pagesDir = join(projectRoot, "src")): Promise<PublishAll> {
  const db = await Warehouse.open(warehouse, { readOnly: true });
  const result: PublishAll = { written: 0, unchanged: 0, routes: [] };
  try {
    const values = await routeValues(db);
    const expected = new Set<string>();
    for (const name of Object.keys(publications) as PublicationName[]) {
      for (const params of combinations(paramsOf(name), values)) {
        const file = join(cacheDir, "data", `${name.replace(/\[(\w+)\]/g, (_, k: string) => params[k]!)}.arrow`);
        expected.add(file);
        const bytes = await publicationArrow(db, name, params);
        if (existsSync(file) && Buffer.compare(readFileSync(file), bytes) === 0) {
          result.unchanged++;
          continue;
        }
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
        result.written++;
      }
    }
    for (const file of filesUnder(join(cacheDir, "data"))) if (!expected.has(file)) rmSync(file);
    for (const page of filesUnder(pagesDir).filter((f) => /\[\w+\]\.md$/.test(f))) {
      const route = relative(pagesDir, page).split("\\").join("/").replace(/\.md$/, "");
      for (const params of combinations(paramsOf(route), values)) result.routes.push(`/${route.replace(/\[(\w+)\]/g, (_, k: string) => params[k]!)}`);
    }
    return result;
  } finally {
    db.close();
  }
}

function combinations(keys: string[], values: Record<string, string[]>): Record<string, string>[] {
  return keys.reduce<Record<string, string>[]>(
    (acc, key) => acc.flatMap((partial) => (values[key] ?? []).map((v) => ({ ...partial, [key]: v }))),
    [{}],
  );
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith(".") ? [] : filesUnder(path);
    return [path];
  });
}
