// The whole build: demo exports → warehouse → `observable build` (offline) → dist/ with the
// overview page, and not one personal value from the exports in any file of dist/.
import { copyFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../data-loaders/demo/generate.js";
import { Warehouse } from "../../data-loaders/warehouse/connection.js";
import { buildSite } from "../../scripts/site/build.js";
import { occurrences, personalValues } from "../helpers/personal.js";
import { load, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let dist: string;
let exportsDir: string;
let warehouse: string;

function filesUnder(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? filesUnder(join(d, f)) : [join(d, f)]));
}

beforeAll(async () => {
  dir = tempDir();
  exportsDir = join(dir.path, "exports");
  generateDemo({ outDir: exportsDir, seed: 5, borrowers: 1500, months: 13, endMonth: "2026-10" });
  warehouse = join(dir.path, "wh.duckdb");
  await load(exportsDir, warehouse);
  dist = join(dir.path, "dist");
  await buildSite(warehouse, { outDir: dist, log: () => {} });
});
afterAll(() => dir.remove());

describe("the built site", () => {
  it("has the overview page in Vietnamese with its data files", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html).toContain("Tổng quan tín dụng chính sách");
    expect(html).toContain('document.documentElement.lang = "vi"');
    const files = filesUnder(dist).map((f) => f.slice(dist.length + 1));
    for (const name of ["fct_metric_values-province-union", "dim_unions", "dim_metrics", "dim_data_dates", "dim_branches"]) {
      expect(files.some((f) => f.startsWith(`_file/data/${name}.`) && f.endsWith(".arrow"))).toBe(true);
    }
  });

  it("loads no stylesheet, font or script from another host", () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    expect(html).not.toMatch(/<(link|script)[^>]+(href|src)="https?:/);
    const css = filesUnder(dist).filter((f) => f.endsWith(".css")).map((f) => readFileSync(f, "utf8")).join("\n");
    // (booleans: a failing toContain would print the whole embedded font)
    expect(css.includes("fonts.googleapis")).toBe(false);
    expect(/@font-face\{font-family:"?Be Vietnam Pro"?;[^}]*src:url\(data:font\/woff2;base64,/.test(css)).toBe(true);
  });

  it("is refused from a warehouse the current models did not build", async () => {
    const stale = join(dir.path, "stale.duckdb");
    copyFileSync(warehouse, stale);
    const db = await Warehouse.open(stale);
    await db.run(`UPDATE meta SET value = 'mô hình cũ' WHERE key = 'models_fingerprint'`);
    db.close();
    await expect(buildSite(stale, { outDir: join(dir.path, "stale-dist"), log: () => {} })).rejects.toThrow(/chưa được dựng lại theo mã hiện tại/);
  });

  it("contains none of the personal values of the exports", async () => {
    const personal = await personalValues(exportsDir);
    expect(personal.length).toBeGreaterThan(5000);
    const text = filesUnder(dist).map((f) => readFileSync(f).toString("utf8")).join("\n");
    expect(occurrences(personal, text)).toEqual([]);
  });
});
