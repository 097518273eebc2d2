// A new month rebuilds the per-date tables for that month only; a month replaced rebuilds it and
// the months after it (their comparisons reach back to it); a new unit list rebuilds everything.
// That the result equals a load of everything at once is proven in properties.test.ts.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFolder } from "../../data-loaders/ingest/ingest.js";
import { copyFixture, query, tempDir, type TempDir } from "../helpers/warehouse.js";

let dir: TempDir;
let warehouse: string;
const february = "20260228";

async function loadLogged(exportsDir: string): Promise<string> {
  const lines: string[] = [];
  await ingestFolder({ exportsDir, warehouse, log: (m) => lines.push(m) });
  return lines.join("\n");
}

beforeAll(async () => {
  dir = tempDir();
  warehouse = join(dir.path, "wh.duckdb");
  const all = copyFixture("province-small", dir.path);
  const later = join(dir.path, "later");
  mkdirSync(later);
  for (const f of readdirSync(all).filter((f) => f.includes(february))) renameSync(join(all, f), join(later, f));
  await loadLogged(all);
});
afterAll(() => dir.remove());

describe("incremental models", () => {
  it("build a new month alone", async () => {
    const log = await loadLogged(join(dir.path, "later"));
    expect(log).toContain("dựng lại 1 ngày số liệu");
    expect(log).toMatch(/int_loan_cells \(theo ngày\)/);
    expect(log).toMatch(/fct_metric_values \(theo ngày\)/);
    const [feb] = await query<{ dn: number; prev: number }>(
      warehouse,
      `SELECT value AS dn, value_prev AS prev FROM fct_metric_values WHERE data_date = '2026-02-28' AND slice_key = 'province' AND metric_code = 'DU_NO'`,
    );
    // Hand-computed in metrics.test.ts: DN 268 on 28/02, 275 on 31/01 (triệu đồng).
    expect(feb).toEqual({ dn: 268e6, prev: 275e6 });
  });

  it("rebuild a replaced month and the months after it", async () => {
    const resaved = join(dir.path, "resaved");
    mkdirSync(resaved);
    const january = readFileSync(join(dir.path, "province-small", "HSTD_051_20260131.csv"), "utf8");
    writeFileSync(join(resaved, "HSTD_051_20260131_lai.csv"), january.replace("Ghi chú", "Ghi chú (nộp lại)"));
    const log = await loadLogged(resaved);
    expect(log).toContain("dựng lại 2 ngày số liệu");
  });

  it("rebuild everything when the unit list changes", async () => {
    const units = join(dir.path, "units");
    mkdirSync(units);
    const list = readFileSync(join(dir.path, "province-small", "DMDONVI_051.csv"), "utf8");
    writeFileSync(join(units, "DMDONVI_051.csv"), list.replace("Xã Tân Lập", "Xã Tân Lập mới"));
    const log = await loadLogged(units);
    // The models ran, over every date (an empty log would pass the two checks below).
    expect(log).toMatch(/Chạy \d+ mô hình SQL…/);
    expect(log).toMatch(/int_loan_cells \(\d+ ms\)/);
    expect(log).not.toContain("dựng lại");
    expect(log).not.toMatch(/\(theo ngày\)/);
  });
});
