// Personal data stays in the warehouse. Demo exports get a distinctive value in every personal
// cell (names, CCCD, birth dates, addresses, phones, group leaders), one row with such values is
// broken so that it lands in the quarantine, the whole site is built, and no file of dist/ may
// hold any of those values.
import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnsOf, exportKinds } from "../../data-loaders/contract/exports.js";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { kindInName } from "../../data-loaders/ingest/file-name.js";
import { buildSite } from "../../scripts/site/build.js";
import { load, query, tempDir, type TempDir } from "../helpers/warehouse.js";

const MARK = "ZZPRIVATE";
let dir: TempDir;
let dist: string;
let warehouse: string;
let seededKinds: Set<string>;

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? filesUnder(join(d, f)) : [join(d, f)]));
}

/** Rewrites each personal column of each export with ZZPRIVATE-<file>-<column>-<row>; returns the kinds seeded. */
async function seedPersonalValues(exportsDir: string): Promise<Set<string>> {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  const kinds = new Set<string>();
  for (const name of readdirSync(exportsDir).sort()) {
    const kind = kindInName(name)!;
    const personal = columnsOf(kind).filter((c) => c.personal);
    const path = join(exportsDir, name);
    const headers = readFileSync(path, "utf8").split("\n", 1)[0]!.replace(/^\uFEFF/, "").split(",");
    const present = personal.filter((c) => headers.includes(c.header));
    if (present.length === 0) continue;
    const tag = (i: number) => `${MARK}-${name.replace(/\W/g, "")}-${i}`;
    const replace = present.map((c, i) => `'${tag(i)}-' || row_number() OVER () AS "${c.header}"`).join(", ");
    await conn.run(`COPY (SELECT * REPLACE (${replace}) FROM read_csv('${path}', all_varchar = true, header = true))
      TO '${path}.tmp' (FORMAT csv, HEADER true)`);
    await conn.run(`COPY (SELECT * FROM read_csv('${path}.tmp', all_varchar = true, header = true)) TO '${path}' (FORMAT csv, HEADER true)`);
    const rows = (await conn.runAndReadAll(`SELECT count(*) FROM read_csv('${path}', all_varchar = true, header = true)`)).getRows()[0]![0];
    if (Number(rows) > 0) kinds.add(kind.kind);
  }
  return kinds;
}

beforeAll(async () => {
  dir = tempDir();
  const exportsDir = join(dir.path, "exports");
  // The tidy layout, whose header is its first row, lets every personal cell be rewritten with SQL;
  // the real layout's personal values are checked against dist/ by tests/site/build.test.ts.
  generateDemo({ outDir: exportsDir, seed: 11, borrowers: 800, months: 5, endMonth: "2025-11", layout: "simple" });
  seededKinds = await seedPersonalValues(exportsDir);
  // A broken row (one column too many) full of personal values: the quarantine keeps it whole.
  const hstdFile = readdirSync(exportsDir).find((n) => n.startsWith("HSTD_"))!;
  const header = readFileSync(join(exportsDir, hstdFile), "utf8").split("\n", 1)[0]!.split(",");
  appendFileSync(join(exportsDir, hstdFile), header.map(() => `${MARK}-BROKEN`).join(",") + `,${MARK}-EXTRA\n`);
  warehouse = join(dir.path, "wh.duckdb");
  await load(exportsDir, warehouse);
  dist = join(dir.path, "dist");
  await buildSite(warehouse, { outDir: dist, log: () => {} });
});
afterAll(() => dir.remove());

describe("personal data", () => {
  it("is in the warehouse, seeded in every personal column of every export kind that has one", async () => {
    expect([...seededKinds].sort()).toEqual(expect.arrayContaining(["cdtotkvv", "doichieu", "hstd"]));
    for (const kind of exportKinds.filter((k) => seededKinds.has(k.kind))) {
      for (const col of columnsOf(kind).filter((c) => c.personal)) {
        const found = await query<{ n: number }>(warehouse, `SELECT count(*)::INT AS n FROM raw_${kind.kind} WHERE ${col.key} LIKE '${MARK}-%'`);
        expect(found[0]!.n, `${kind.kind}.${col.key}`).toBeGreaterThan(0);
      }
    }
    const quarantined = await query<{ n: number }>(warehouse, `SELECT count(*)::INT AS n FROM quarantine WHERE value LIKE '%${MARK}-BROKEN%'`);
    expect(quarantined).toEqual([{ n: 1 }]);
  });

  it("never reaches any file of the built site", () => {
    const files = filesUnder(dist);
    expect(files.length).toBeGreaterThan(20);
    const leaks = files.filter((f) => readFileSync(f).includes(MARK));
    expect(leaks).toEqual([]);
  });
});
