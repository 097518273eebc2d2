// One data set, however it arrives, gives the same figures: the demo province loaded as the bank's
// files (title rows, workbooks for the latest months, some months PGD by PGD), as tidy whole-branch
// CSVs, and as every monthly file split PGD by PGD and loaded in batches in any order. Every fact
// and dimension mart must be identical.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { ingestFolder } from "../../data-loaders/ingest/ingest.js";
import { readModels } from "../../data-loaders/models/runner.js";
import { parseCsv } from "../helpers/csv.js";
import { query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let expected: Record<string, unknown[]>;
const options = { seed: 5, borrowers: 900, months: 4, endMonth: "2026-10" };

/** Every fact and dimension mart (the ingest's reports name files and runs, and differ by design). */
const snapshot = async (warehouse: string) => {
  const marts = readModels().filter((m) => m.layer === "marts" && !m.name.startsWith("rpt_")).map((m) => m.name);
  return Object.fromEntries(await Promise.all(marts.map(async (t) => [t, await query(warehouse, `SELECT * FROM ${t} ORDER BY ALL`)] as const)));
};

const quote = (c: string) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** The tidy files with every monthly file split by «Mã PGD» into one file per PGD area. */
function splitByPgd(tidy: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const name of readdirSync(tidy).sort()) {
    const text = readFileSync(join(tidy, name), "utf8");
    const delimiter = name.startsWith("CHITIEU") ? ";" : ",";
    const [header, ...rows] = parseCsv(text, delimiter).filter((r) => r.some((c) => c !== ""));
    const pgd = header!.indexOf("Mã PGD");
    const monthly = /^(HSTD|CDTOTKVV|TIETKIEM|PHIUYTHAC)_/.test(name);
    if (!monthly || pgd < 0) {
      out.push({ name, text });
      continue;
    }
    const byPgd = new Map<string, string[][]>();
    for (const r of rows) byPgd.set(r[pgd]!, [...(byPgd.get(r[pgd]!) ?? []), r]);
    for (const [code, part] of byPgd) {
      const [kind, , date] = name.replace(/\.csv$/, "").split("_");
      out.push({ name: `${kind}_${code}_${date}.csv`, text: [header!, ...part].map((r) => r.map(quote).join(delimiter)).join("\n") + "\n" });
    }
  }
  return out;
}

beforeAll(async () => {
  dir = tempDir();
  const bank = join(dir.path, "bank");
  generateDemo({ outDir: bank, ...options });
  const warehouse = join(dir.path, "bank.duckdb");
  await ingestFolder({ exportsDir: bank, warehouse });
  expected = await snapshot(warehouse);
});
afterAll(() => dir.remove());

describe("one data set however it arrives", () => {
  it("as the bank's files (workbooks, title rows, per-PGD months) and as tidy whole-branch CSVs", async () => {
    const tidy = join(dir.path, "tidy");
    generateDemo({ outDir: tidy, ...options, layout: "simple" });
    const warehouse = join(dir.path, "tidy.duckdb");
    await ingestFolder({ exportsDir: tidy, warehouse });
    expect(await snapshot(warehouse)).toEqual(expected);
  });

  it("as PGD files loaded in batches, in any order", async () => {
    const tidy = join(dir.path, "tidy-split");
    generateDemo({ outDir: tidy, ...options, layout: "simple" });
    const files = splitByPgd(tidy);
    expect(files.filter((f) => f.name.startsWith("HSTD_00")).length).toBeGreaterThan(options.months);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(files, { minLength: files.length, maxLength: files.length }),
        fc.integer({ min: 2, max: 4 }),
        async (order, batches) => {
          const warehouse = join(dir.path, `split${run}.duckdb`);
          for (let b = 0; b < batches; b++) {
            const folder = join(dir.path, `split${run}-${b}`);
            mkdirSync(folder, { recursive: true });
            for (const f of order.filter((_, i) => i % batches === b)) writeFileSync(join(folder, f.name), f.text);
            // Only the last batch models; the others load and check.
            await ingestFolder({ exportsDir: folder, warehouse, models: b === batches - 1 });
          }
          run++;
          expect(await snapshot(warehouse)).toEqual(expected);
        },
      ),
      { numRuns: 3, seed: 20261031 },
    );
  });
});
